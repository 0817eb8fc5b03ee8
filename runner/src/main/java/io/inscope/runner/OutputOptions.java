package io.inscope.runner;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where the run goes and how much it says. */
public final class OutputOptions {
  @Option(names = "--output", paramLabel = "DIR", description = "run directory (default: the job's output, runs/<name>); with several job files, the parent of one directory per job name")
  Path output;

  @Option(names = "--quiet", description = "print only errors and the final summary")
  boolean quiet;

  @Option(names = "--verbose", description = "print checkpoints, and stack traces of errors")
  boolean verbose;
}
