package io.inscope.runner;

import java.util.Optional;
import sun.misc.Signal;

/**
 * The re-launched child JVM ends with its launcher. {@link Main} re-launches itself to set {@code
 * TF_CPP_MIN_LOG_LEVEL} and passes its pid in {@value #ENV}; a daemon thread here checks every
 * {@value #PERIOD_MILLIS} ms that the launcher is still this process's parent. When it is gone (a
 * kill -9 of the launcher, which cannot forward anything), the child raises SIGTERM on itself:
 * {@code run} stops as on any SIGTERM (checkpoint, lock released, exit 75) within {@code
 * train.grace_period}, so the rerun a scheduler starts finds the run directory free.
 */
final class ParentWatch {
  static final String ENV = "INSCOPE_LAUNCHER_PID";
  static final long PERIOD_MILLIS = 250;

  private ParentWatch() {}

  /** Starts the watch when this process was launched by {@link Main}'s re-launch; otherwise does nothing. */
  static void startIfLaunched() {
    String pid = System.getenv(ENV);
    if (pid == null) {
      return;
    }
    long launcher;
    try {
      launcher = Long.parseLong(pid.strip());
    } catch (NumberFormatException e) {
      return;
    }
    Thread t = new Thread(() -> watch(launcher), "parent-watch");
    t.setDaemon(true);
    t.start();
  }

  private static void watch(long launcher) {
    try {
      while (isParent(launcher)) {
        Thread.sleep(PERIOD_MILLIS);
      }
    } catch (InterruptedException e) {
      return;
    }
    System.err.println("the launcher (pid " + launcher + ") is gone; stopping as on SIGTERM");
    System.err.flush();
    Signal.raise(new Signal("TERM"));
  }

  private static boolean isParent(long launcher) {
    Optional<ProcessHandle> parent = ProcessHandle.current().parent();
    // a dead parent's children are re-parented (to init or a subreaper): the pid changes
    return parent.isPresent() && parent.get().pid() == launcher && parent.get().isAlive();
  }
}
