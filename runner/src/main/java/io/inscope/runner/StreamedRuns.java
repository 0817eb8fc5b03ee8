package io.inscope.runner;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.configs.data.DataSplitSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * Whether a command line streams data through the JVM's own code for the whole run: {@code run}
 * (or a job file as the first argument) with a job whose training or eval split has {@code cache:
 * false}, {@code evaluate} of a run whose job has one, or {@code bench --input-pipeline} / {@code
 * --stream-memory}. The launcher ({@link Main})
 * then leaves C2 on in the child ({@link ChildJvm}): the reader threads parse, check and scale every
 * record of every epoch, and C1 compiles that code into several times the CPU (CRC32C is no
 * intrinsic there, loops are not vectorized). Anything it cannot decide (a file that does not load,
 * an unknown option) counts as not streaming: the child reports the error as usual.
 */
final class StreamedRuns {
  private static final long MAX_JOB_BYTES = 1 << 20;

  private StreamedRuns() {}

  static boolean streams(String[] args, Map<String, String> env) {
    if (args.length == 0) {
      return false;
    }
    if (args[0].equals("bench")) {
      return Arrays.stream(args).anyMatch(a -> a.equals("--input-pipeline") || a.startsWith("--stream-memory"));
    }
    if (args[0].equals("evaluate")) {
      return evaluates(Arrays.copyOfRange(args, 1, args.length), env);
    }
    String[] rest;
    if (args[0].equals("run")) {
      rest = Arrays.copyOfRange(args, 1, args.length);
    } else if (args[0].startsWith("-") || commands().contains(args[0])) {
      return false;
    } else {
      rest = args;
    }
    if (!mayStream(rest)) {
      return false;
    }
    try {
      RunCommand run = new RunCommand();
      new CommandLine(run).parseArgs(rest);
      if (run.sweeps.stream().anyMatch(s -> s.contains(".cache="))) {
        return true;
      }
      for (Path file : run.files) {
        if (streams(new JobLoader(env).load(file, run.overrides).spec())) {
          return true;
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** {@code evaluate RUN_DIR ...}: whether the run's job ({@code job.resolved.yaml}) streams a split. */
  private static boolean evaluates(String[] rest, Map<String, String> env) {
    for (String arg : rest) {
      if (arg.startsWith("-")) {
        continue;
      }
      try {
        Path job = Path.of(arg).resolve("job.resolved.yaml");
        return Files.isRegularFile(job) && mayStream(new String[] {job.toString()}) && streams(new JobLoader(env).load(job, List.of()).spec());
      } catch (Exception e) {
        return false;
      }
    }
    return false;
  }

  /**
   * Whether the job files or the overrides could set {@code cache} at all: the word in an argument,
   * or in a job file's text, or a file that {@code extends} another. Loading the jobs costs the
   * launcher about half a second of CPU (YAML parsing and validation, cold), so jobs that cannot
   * stream skip it: "cache" must be written somewhere for a split to stream.
   */
  static boolean mayStream(String[] args) {
    for (String arg : args) {
      if (arg.contains("cache")) {
        return true;
      }
      try {
        Path file = Path.of(arg);
        if (Files.isRegularFile(file) && Files.size(file) < MAX_JOB_BYTES) {
          String text = Files.readString(file, StandardCharsets.UTF_8);
          if (text.contains("cache") || text.contains("extends")) {
            return true;
          }
        }
      } catch (IOException | RuntimeException e) {
        return true; // undecided: the loader decides (or fails and the child reports it)
      }
    }
    return false;
  }

  static boolean streams(JobSpec job) {
    return streams(job.data().train()) || streams(job.data().eval());
  }

  private static boolean streams(DataSplitSpec split) {
    return split != null && !split.cache();
  }

  /** The subcommands' names, from {@link Cli}'s annotation (no command model built). */
  private static List<String> commands() {
    return Arrays.stream(Cli.class.getAnnotation(Command.class).subcommands())
        .map(c -> c.getAnnotation(Command.class).name()).toList();
  }
}
