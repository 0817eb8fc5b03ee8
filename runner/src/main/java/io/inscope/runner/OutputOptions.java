package io.inscope.runner;

import io.inscope.configs.JobSpec;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the run goes and how much it says. */
public final class OutputOptions {
  @Option(names = "--output", paramLabel = "DIR", description = "run directory (default: the job's output, runs/<name>)")
  Path output;

  @Option(names = "--quiet", description = "print only errors and the final summary")
  boolean quiet;

  @Option(names = "--verbose", description = "print checkpoints, and stack traces of errors")
  boolean verbose;

  public Path runDirectory(JobSpec spec) {
    return output != null ? output : Path.of(spec.output());
  }
}
