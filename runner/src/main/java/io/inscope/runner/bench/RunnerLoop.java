package io.inscope.runner.bench;

import io.inscope.configs.JobSpec;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.modules.data.Examples;
import io.inscope.modules.train.Outcome;
import io.inscope.modules.train.TrainListener;
import io.inscope.modules.train.Trainer;
import io.inscope.runner.UserException;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Trains a job exactly as {@code runner.jar run} does (JobSession, Trainer, its prefetcher and
 * executions) into a temporary run directory, and times it from the listener's step callbacks.
 */
final class RunnerLoop {
  /**
   * What one run measured.
   *
   * @param firstStepMillis epoch millis at which the first step finished
   * @param stepsPerSecond over steps {@code (warmup, total]}
   * @param trainSeconds the whole {@code Trainer.run}, evaluations and checkpoints included
   * @param rssKib resident memory at the requested steps
   * @param outcome how training ended (its last evaluation)
   * @param cpuMillisPerStep the process's CPU time (all threads) per step over steps {@code (warmup, total]}
   */
  record Result(long firstStepMillis, double stepsPerSecond, double trainSeconds, Map<Long, Long> rssKib, Outcome outcome,
      double cpuMillisPerStep) {}

  private RunnerLoop() {}

  /**
   * @param warmup steps not timed (a multiple of steps_per_execution, so the window starts
   *     between executions)
   * @param rssAt steps after which to sample resident memory
   * @param examples receives the job's training examples before training (for the hand loop)
   */
  static Result run(JobSpec job, long warmup, long[] rssAt, Consumer<Examples> examples) throws Exception {
    Path dir = Files.createTempDirectory("inscope-bench");
    try (JobSession session = JobSession.build(job, Injectors.forJob(job.plugins()))) {
      examples.accept(session.train);
      Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"), 1, w -> {});
      Timing timing = new Timing(warmup, rssAt);
      Trainer trainer = new Trainer(job, session.step, session.checkpointOps, checkpoints,
          session.session(), session.evalData, timing, "bench", session.preprocessing);
      long start = System.nanoTime();
      Outcome outcome = trainer.run(session.trainData, 0, null);
      double seconds = (System.nanoTime() - start) / 1e9;
      double rate = (outcome.steps() - warmup) / ((timing.lastNanos - timing.warmNanos) / 1e9);
      double cpuMs = (timing.lastCpu - timing.warmCpu) / 1e6 / (outcome.steps() - warmup);
      return new Result(timing.firstMillis, rate, seconds, timing.rss, outcome, cpuMs);
    } catch (UserException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  /**
   * One whole run, timed from before the graph is built to the end of training.
   *
   * @param seconds wall clock: graph building, session start, training (auto's measurement included)
   * @param cpuSeconds the process's CPU time (all threads) over the same span
   * @param chosen the length {@code auto} chose, 0 when it chose none (a fixed value, or too short a run)
   * @param nanosPerStep what {@code auto} measured, by length
   */
  record Whole(double seconds, double cpuSeconds, int chosen, Map<Integer, Long> nanosPerStep) {}

  /** Builds and trains {@code job} as {@code runner.jar run} does, into a temporary directory. */
  static Whole whole(JobSpec job) throws Exception {
    Path dir = Files.createTempDirectory("inscope-bench");
    long start = System.nanoTime();
    long cpu = CPU.getProcessCpuTime();
    int[] chosen = {0};
    Map<Integer, Long> measured = new HashMap<>();
    try (JobSession session = JobSession.build(job, Injectors.forJob(job.plugins()))) {
      Checkpoints checkpoints = new Checkpoints(dir.resolve("checkpoints"), 1, w -> {});
      TrainListener listener = new TrainListener() {
        @Override
        public void onStepsPerExecution(int steps, Map<Integer, Long> nanosPerStep) {
          chosen[0] = steps;
          measured.putAll(nanosPerStep);
        }
      };
      new Trainer(job, session.step, session.checkpointOps, checkpoints, session.session(), session.evalData, listener, "bench",
          session.preprocessing)
          .run(session.trainData, 0, null);
    } catch (UserException e) {
      throw new IllegalStateException(e.getMessage(), e);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    return new Whole((System.nanoTime() - start) / 1e9, (CPU.getProcessCpuTime() - cpu) / 1e9, chosen[0], measured);
  }

  private static final com.sun.management.OperatingSystemMXBean CPU =
      (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

  private static final class Timing implements TrainListener {
    private final long warmup;
    private final long[] rssAt;
    private final Map<Long, Long> rss = new HashMap<>();
    private long firstMillis;
    private long warmNanos;
    private long lastNanos;
    private long warmCpu;
    private long lastCpu;

    Timing(long warmup, long[] rssAt) {
      this.warmup = warmup;
      this.rssAt = rssAt.clone();
    }

    @Override
    public void onStep(long step, long totalSteps, double loss) {
      long now = System.nanoTime();
      if (step == 1) {
        firstMillis = System.currentTimeMillis();
      }
      long cpu = CPU.getProcessCpuTime();
      if (step == warmup) {
        warmNanos = now;
        warmCpu = cpu;
      }
      lastNanos = now;
      lastCpu = cpu;
      for (long at : rssAt) {
        if (step == at) {
          rss.put(at, Rss.kib());
        }
      }
    }
  }
}
