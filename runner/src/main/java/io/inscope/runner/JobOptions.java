package io.inscope.runner;

import io.inscope.configs.JobFileException;
import io.inscope.configs.JobLoader;
import io.inscope.configs.LoadedJob;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The job file and the options every job command shares. */
public final class JobOptions {
  @Parameters(index = "0", paramLabel = "JOB.yaml", description = "the job file")
  Path file;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "override a value after extends, before validation (repeatable), e.g. --set optimizer.adam.learning_rate=3e-4")
  List<String> overrides = new ArrayList<>();

  /** Loads, interpolates, overrides and validates the job, or fails with every error at once. */
  public LoadedJob load() throws UserException {
    return load(file, overrides);
  }

  /** Loads {@code file} with {@code overrides} applied, or fails with every error at once (exit 2). */
  public static LoadedJob load(Path file, List<String> overrides) throws UserException {
    try {
      return new JobLoader(System.getenv()).load(file, overrides);
    } catch (JobFileException e) {
      throw new UserException(ExitCodes.USAGE, e.report());
    }
  }
}
