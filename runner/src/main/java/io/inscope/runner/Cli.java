package io.inscope.runner;

import io.inscope.configs.internal.Suggest;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code runner.jar} and its subcommands. A first argument that is not a subcommand is a job file:
 * {@code runner.jar job.yaml} means {@code runner.jar run job.yaml}, unless no such file exists and
 * the word is close to a subcommand's name ({@code chek job.yaml}): that is a usage error (exit 2)
 * with a suggestion, never a training run. No arguments at all print the usage and exit 2.
 */
@Command(
    name = "runner.jar",
    mixinStandardHelpOptions = true,
    versionProvider = Cli.Version.class,
    description = "Train TensorFlow models described in YAML job files.",
    footer = {"", "%nExit codes:",
        "  0    finished, or already finished (the rerun did nothing)",
        "  1    internal error (a bug: stack trace printed)",
        "  2    usage, job-file or data error (do not retry)",
        "  3    training diverged: loss NaN/Inf, last good checkpoint kept",
        "  69   cluster or TPU unavailable (retry later)",
        "  71   out of memory: TensorFlow's resource exhausted (use a smaller batch or model)",
        "  73   cannot create or write the run directory: read-only, no permission, a file in the way (fix the path)",
        "  74   I/O error writing the run directory, e.g. disk full; last good checkpoint kept (free space, retry)",
        "  75   interrupted (SIGTERM/SIGINT or train.max_duration) after writing a checkpoint (requeue; the rerun resumes)",
        "  124  the stop took longer than train.grace_period; halted (retry; the rerun resumes from the last checkpoint)",
        "Several jobs: the most severe code, in the order 75, 124, 69, 74, 1, 71, 3, 73, 2, 0."},
    subcommands = {
      RunCommand.class,
      CheckCommand.class,
      RenderCommand.class,
      PlanCommand.class,
      InspectCommand.class,
      EvaluateCommand.class,
      PredictCommand.class,
      BenchCommand.class,
      ReportCommand.class,
      SchemaCommand.class,
      WorkerCommand.class
    })
public final class Cli implements Callable<Integer> {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  /** No subcommand and no job file: the usage, as a usage error. */
  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getErr());
    return ExitCodes.USAGE;
  }

  /** Runs the command line; returns the exit code. */
  public static int execute(String[] args, PrintWriter out, PrintWriter err) {
    CommandLine cl = new CommandLine(new Cli());
    cl.setOut(out);
    cl.setErr(err);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> report(e, err));
    String typo = mistypedCommand(cl, args);
    if (typo != null) {
      err.println("unknown command '" + args[0] + "' (did you mean '" + typo + "'?); a job file of that name does not exist either");
      err.flush();
      return ExitCodes.USAGE;
    }
    return cl.execute(withDefaultCommand(cl, args));
  }

  /** Prints a failure (a user error as its message alone, a bug with its stack trace); returns its exit code. */
  static int report(Exception e, PrintWriter err) {
    if (e instanceof UserException u) {
      err.println(u.getMessage());
      err.flush();
      return u.exitCode();
    }
    err.println("internal error (please report it): " + e);
    e.printStackTrace(err);
    err.flush();
    return ExitCodes.INTERNAL;
  }

  /**
   * The subcommand {@code args[0]} was probably meant to be: it is no subcommand, no existing file,
   * and close to a subcommand's name ({@code chek}); null otherwise.
   */
  static String mistypedCommand(CommandLine cl, String[] args) {
    if (args.length == 0 || args[0].startsWith("-") || cl.getSubcommands().containsKey(args[0])) {
      return null;
    }
    try {
      if (Files.exists(Path.of(args[0]))) {
        return null;
      }
    } catch (InvalidPathException e) {
      return null; // not a path: the run command reports it
    }
    return Suggest.nearest(args[0], cl.getSubcommands().keySet());
  }

  static String[] withDefaultCommand(CommandLine cl, String[] args) {
    if (args.length == 0 || args[0].startsWith("-") || cl.getSubcommands().containsKey(args[0])) {
      return args;
    }
    List<String> a = new ArrayList<>(List.of("run"));
    a.addAll(Arrays.asList(args));
    return a.toArray(String[]::new);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"inscope runner " + io.inscope.runner.internal.Provenance.runnerVersion()
          + " (TensorFlow Java 1.1.0)"};
    }
  }
}
