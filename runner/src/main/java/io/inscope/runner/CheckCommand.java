package io.inscope.runner;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Parses and validates a job without loading TensorFlow; prints nothing when the job is valid. */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = "Parse, interpolate and validate a job file; print nothing but errors.")
public final class CheckCommand implements Callable<Integer> {
  @Mixin JobOptions job;

  @Override
  public Integer call() throws UserException {
    job.load();
    return ExitCodes.OK;
  }
}
