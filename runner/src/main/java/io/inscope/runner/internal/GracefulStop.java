package io.inscope.runner.internal;

import io.inscope.configs.TimeSpan;
import io.inscope.configs.TrainSpec;
import io.inscope.runner.ExitCodes;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/**
 * Stops a run command cleanly. A signal or a job's {@code train.max_duration} calls {@link
 * #request}: the job running now is asked to finish its step and write a checkpoint (then exits
 * 75), and no further job starts. If the job has not returned within its {@code
 * train.grace_period}, the process halts with exit 124: nothing is lost that a kill -9 would not
 * lose, since checkpoints are written atomically and the rerun resumes from the last complete one.
 */
public final class GracefulStop implements AutoCloseable {
  private static final Duration DEFAULT_GRACE = Duration.ofSeconds(10);

  private final PrintWriter err;
  private final IntConsumer halt;
  private final Instant commandStart;
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "graceful-stop");
    t.setDaemon(true);
    return t;
  });
  private volatile String reason;
  private Runnable target;
  private Duration grace = DEFAULT_GRACE;
  private ScheduledFuture<?> watchdog;
  private ScheduledFuture<?> deadline;

  /**
   * @param halt ends the process with an exit code ({@code Runtime.getRuntime()::halt}: no
   *     shutdown hooks, which could themselves hang)
   * @param commandStart when the run command started; {@code max_duration} counts from here
   */
  public GracefulStop(PrintWriter err, IntConsumer halt, Instant commandStart) {
    this.err = err;
    this.halt = halt;
    this.commandStart = commandStart;
  }

  /** Asks for a stop (from a signal handler or a timer); later requests add nothing. */
  public synchronized void request(String why) {
    if (reason != null) {
      return;
    }
    reason = why;
    err.println("stopping (" + why + "): finishing the step and writing a checkpoint, within " + format(grace));
    err.flush();
    if (target != null) {
      target.run();
    }
    armWatchdog();
  }

  public boolean requested() {
    return reason != null;
  }

  /** The reason given to the first {@link #request}, or null. */
  public String reason() {
    return reason;
  }

  /** A job starts: {@code stop} asks it to checkpoint and return; its train section sets the limits. */
  public synchronized void attach(Runnable stop, TrainSpec train) {
    target = stop;
    grace = train.gracePeriod().duration();
    if (reason != null) {
      stop.run();
      return;
    }
    if (train.maxDuration() != null) {
      long millis = Duration.between(Instant.now(), commandStart.plus(train.maxDuration().duration())).toMillis();
      String why = "train.max_duration " + train.maxDuration() + " reached";
      deadline = timer.schedule(() -> request(why), Math.max(0, millis), TimeUnit.MILLISECONDS);
    }
  }

  /** The job returned (with its checkpoint written, if it was stopped): the watchdog stands down. */
  public synchronized void detach() {
    target = null;
    grace = DEFAULT_GRACE;
    if (deadline != null) {
      deadline.cancel(false);
      deadline = null;
    }
    if (watchdog != null) {
      watchdog.cancel(false);
      watchdog = null;
    }
  }

  private void armWatchdog() {
    if (timer.isShutdown()) {
      return; // the command is over: nothing is left to stop
    }
    Duration g = grace;
    watchdog = timer.schedule(() -> {
      err.println("the stop took longer than the grace period (train.grace_period " + format(g)
          + "); halting with exit " + ExitCodes.STOP_TIMED_OUT + ". The run directory is intact: the rerun"
          + " resumes from the last complete checkpoint. Raise train.grace_period (and the scheduler's"
          + " own grace time) if steps or checkpoints take longer");
      err.flush();
      halt.accept(ExitCodes.STOP_TIMED_OUT);
    }, g.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static String format(Duration d) {
    return new TimeSpan(d).toString();
  }

  @Override
  public void close() {
    timer.shutdownNow();
  }
}
