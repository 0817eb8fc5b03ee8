package io.inscope.runner;

import io.inscope.configs.JobSpec;
import io.inscope.configs.JobFileException;
import io.inscope.configs.LoadedJob;
import io.inscope.configs.Secrets;
import io.inscope.configs.StrategyType;
import io.inscope.modules.cluster.MultiWorkerSystem;
import io.inscope.modules.cluster.TfConfig;
import io.inscope.modules.cluster.WorkerCluster;
import io.inscope.runner.internal.GracefulStop;
import io.inscope.runner.internal.RunDirectory;
import io.inscope.runner.internal.Sweep;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Trains one or more jobs, one after another, each in its own run directory, resuming each from
 * its latest checkpoint unless {@code --fresh}; a job that already finished is a no-op. {@code
 * --sweep} runs every combination of values. A failed job does not stop the others; a stop
 * request (SIGTERM, SIGINT, {@code train.max_duration}) checkpoints the running job and starts no
 * further one. With several jobs a summary table follows, and the exit code is the most severe of
 * the jobs' codes ({@link ExitCodes#SEVERITY}).
 *
 * <p>A {@code multi_worker_mirrored} job without {@code cluster.workers} takes its cluster from
 * {@code TF_CONFIG}, checked before anything starts (a wrong part is exit 2), and then runs between
 * graphs (unless {@code strategy.mode: in_graph}): where TF_CONFIG names this process a task other
 * than the chief (task 0), {@code run} trains its own share of the data in step with the chief
 * ({@link FollowerRun}) and writes nothing into the run directory; in graph, it serves as that
 * task's gRPC server, as {@code runner.jar worker} does. Either way every task of a Kubeflow TFJob
 * runs the same command.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {"Train jobs one after another (each resumes from its run directory's latest checkpoint;",
        "a finished job is skipped). With several jobs or --sweep, a summary table and the most severe exit code."})
public final class RunCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "JOB.yaml", description = "job files, run in order")
  List<Path> files;

  @Option(
      names = "--set",
      paramLabel = "PATH=VALUE",
      description = "override a value after extends, before validation (repeatable), e.g. --set optimizer.adam.learning_rate=3e-4")
  List<String> overrides = new ArrayList<>();

  @Option(
      names = "--sweep",
      paramLabel = "PATH=V1,V2,...",
      description = "run one job per value (repeatable: every combination), each in <run dir>-sweep/<key>=<value>,... "
          + "(with --output DIR and one job file: DIR/<key>=<value>,...), "
          + "e.g. --sweep optimizer.adam.learning_rate=1e-3,1e-4")
  List<String> sweeps = new ArrayList<>();

  @Mixin OutputOptions output;
  @Spec CommandSpec spec;

  @Option(names = "--fresh", description = "delete existing checkpoints and train from step 0, even a finished job")
  boolean fresh;

  /** A job to run: its spec and run directory, or the error that keeps it from running. */
  private record Planned(String label, JobSpec spec, Secrets secrets, Path dir, UserException error, LoadedJob loaded) {}

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Instant start = Instant.now();
    List<Planned> plan = plan();
    Optional<Planned> served = servedJob(plan);
    if (served.isPresent()) {
      return betweenGraph(served.get().spec()) ? follow(served.get(), err) : serve(served.get(), err);
    }
    boolean many = plan.size() > 1;
    List<JobResult> results = new ArrayList<>();
    int exit = ExitCodes.OK;
    try (GracefulStop stop = new GracefulStop(err, Runtime.getRuntime()::halt, start)) {
      Signals.onTerminate(stop::request);
      for (Planned job : plan) {
        if (stop.requested()) {
          results.add(JobResult.notStarted(job.label(), job.dir()));
          exit = ExitCodes.mostSevere(exit, ExitCodes.INTERRUPTED);
          continue;
        }
        if (many && !output.quiet) {
          err.println("== " + job.label() + (job.dir() == null ? "" : " (" + job.dir() + ")"));
        }
        JobResult r = runOne(job, stop, err);
        results.add(r);
        exit = ExitCodes.mostSevere(exit, r.exit());
      }
    }
    if (many) {
      err.println();
      err.print(Summary.table(results));
      err.flush();
    }
    return exit;
  }

  /**
   * The job whose cluster this process serves in rather than runs: one whose TF_CONFIG names this
   * process a task other than task 0. Such a process serves one job only.
   */
  private Optional<Planned> servedJob(List<Planned> plan) throws UserException {
    for (Planned job : plan) {
      if (plan.size() > 1 && job.error() == null && betweenGraph(job.spec())) {
        // each task's server and collectives serve one job: every task runs the same single job
        throw new UserException(ExitCodes.USAGE, job.label() + ": multi_worker_mirrored between graphs (TF_CONFIG) runs"
            + " one job per process, on every task; run one job file, without --sweep");
      }
      WorkerCluster cluster = job.error() == null ? tfConfigCluster(job.spec()) : null;
      if (cluster != null && cluster.task() != 0) {
        if (plan.size() > 1) {
          throw new UserException(ExitCodes.USAGE, job.label() + ": TF_CONFIG names this process task "
              + cluster.task() + ", which serves the chief's job; run one job file, without --sweep");
        }
        return Optional.of(job);
      }
    }
    return Optional.empty();
  }

  private int serve(Planned job, PrintWriter err) throws Exception {
    WorkerCluster cluster = tfConfigCluster(job.spec());
    Integer replicas = job.spec().strategy().replicas();
    err.println(job.label() + ": TF_CONFIG names this process task " + cluster.task() + " of " + cluster.size()
        + ", not the chief: serving the chief's job over gRPC, writing nothing into " + job.dir());
    return WorkerCommand.serve(cluster, replicas == null ? 1 : replicas, err);
  }

  /**
   * A task other than the chief between graphs: trains its own share of the data, step by step as
   * the chief says, and writes nothing (the chief writes the run directory).
   */
  private int follow(Planned job, PrintWriter err) {
    long t0 = System.nanoTime();
    WorkerCluster cluster = tfConfigCluster(job.spec());
    err.println(job.label() + ": TF_CONFIG names this process task " + cluster.task() + " of " + cluster.size()
        + " (between graphs): training its own share of the data in step with the chief, writing nothing into "
        + job.dir());
    err.flush();
    try {
      return new FollowerRun(job.spec(), job.label(), err).run();
    } catch (Exception e) {
      return JobResult.failed(job.label(), Cli.report(e, err), (System.nanoTime() - t0) / 1e9, job.dir()).exit();
    }
  }

  /** Whether {@code job} runs between graphs here (every task runs it, with TF_CONFIG). */
  private static boolean betweenGraph(JobSpec job) {
    return MultiWorkerSystem.betweenGraph(job, System.getenv("TF_CONFIG"));
  }

  /** The cluster TF_CONFIG gives {@code job}, or null when the job does not take it from TF_CONFIG. */
  private static WorkerCluster tfConfigCluster(JobSpec job) {
    String tfConfig = System.getenv("TF_CONFIG");
    if (job.strategy().type() != StrategyType.MULTI_WORKER_MIRRORED || job.cluster().workers() != null
        || tfConfig == null || tfConfig.isBlank()) {
      return null;
    }
    return TfConfig.parse(tfConfig);
  }

  private JobResult runOne(Planned job, GracefulStop stop, PrintWriter err) {
    long t0 = System.nanoTime();
    try {
      if (job.error() != null) {
        throw job.error();
      }
      try {
        return new JobRun(job.spec(), job.secrets(), job.dir(), job.label(), fresh, output, err, stop).run();
      } catch (UserException e) {
        if (e.path() == null || job.loaded() == null) {
          throw e;
        }
        // an error of a key found while running (init_from's shapes): reported where it was written
        throw new UserException(e.exitCode(),
            new JobFileException(job.loaded().file().toString(), List.of(job.loaded().errorAt(e.path(), e.detail()))).report());
      }
    } catch (Exception e) {
      return JobResult.failed(job.label(), Cli.report(e, err), (System.nanoTime() - t0) / 1e9, job.dir());
    }
  }

  /** Every file times every sweep combination, loaded up front; two jobs may not share a run directory. */
  private List<Planned> plan() throws UserException {
    List<Sweep.Combination> combinations;
    try {
      combinations = Sweep.combinations(sweeps);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.USAGE, e.getMessage());
    }
    if (!sweeps.isEmpty() && output.output != null && files.size() == 1 && RunDirectory.isRunDirectory(output.output)) {
      throw new UserException(ExitCodes.USAGE, "--output " + output.output + " is the run directory of an earlier run;"
          + " the sweep's runs would be made inside it. Give the sweep a directory of its own with --output,"
          + " or leave --output out (the runs then go to <output>-sweep/ beside the job's run directory)");
    }
    List<Planned> plan = new ArrayList<>();
    Map<Path, String> owners = new HashMap<>();
    for (Path file : files) {
      for (Sweep.Combination c : combinations) {
        List<String> all = new ArrayList<>(overrides);
        all.addAll(c.overrides());
        String suffix = c.directoryName().isEmpty() ? "" : " " + c.directoryName();
        LoadedJob loaded;
        try {
          loaded = JobOptions.load(file, all);
        } catch (UserException e) {
          plan.add(new Planned(file + suffix, null, null, null, e, null));
          continue;
        }
        JobSpec job = loaded.spec();
        Secrets secrets = loaded.secrets();
        Path dir = runDirectory(job, secrets, c.directoryName());
        String label = secrets.redact(job.name()) + suffix;
        String owner = owners.putIfAbsent(dir.toAbsolutePath().normalize(), label);
        UserException clash = owner == null ? null : new UserException(ExitCodes.USAGE,
            file + ": run directory " + dir + " is already used by job " + owner
                + " of this command; give the jobs different names or outputs");
        if (clash == null) {
          try {
            tfConfigCluster(job);
          } catch (IllegalArgumentException e) {
            clash = new UserException(ExitCodes.USAGE, file + ": " + e.getMessage());
          }
        }
        plan.add(new Planned(label, job, secrets, dir, clash, loaded));
      }
    }
    return plan;
  }

  /**
   * The job's output (or {@code --output}; with several job files, {@code --output/<name>}). A
   * sweep's runs go beside that directory, never inside it: in {@code <dir>-sweep/<combination>},
   * or with one job file and {@code --output DIR}, in {@code DIR/<combination>}. A secret value in
   * the job's output or name is {@code redacted} in the path.
   */
  private Path runDirectory(JobSpec job, Secrets secrets, String combination) {
    Path base = output.output == null ? Path.of(secrets.redactPath(job.output()))
        : files.size() > 1 ? output.output.resolve(secrets.redactPath(job.name())) : output.output;
    if (combination.isEmpty()) {
      return base;
    }
    if (output.output != null && files.size() == 1) {
      return base.resolve(combination);
    }
    return base.resolveSibling(base.getFileName() + "-sweep").resolve(combination);
  }
}
