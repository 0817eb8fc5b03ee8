package io.inscope.runner;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT ask for a graceful stop (checkpoint, exit 75) instead of killing the JVM. A
 * second SIGINT (Ctrl-C pressed again) ends the process at once with exit 130; further SIGTERMs
 * are ignored, because schedulers often send several (SLURM signals every process of a step,
 * the relaunching parent JVM forwards its own): the grace-period watchdog and the scheduler's
 * SIGKILL bound the stop instead.
 */
final class Signals {
  private Signals() {}

  /** Installs the handlers; {@code stop} receives the signal's name, e.g. {@code SIGTERM}. */
  static void onTerminate(Consumer<String> stop) {
    Signal.handle(new Signal("TERM"), s -> stop.accept("SIGTERM"));
    Signal interrupt = new Signal("INT");
    Signal.handle(interrupt, s -> {
      Signal.handle(interrupt, again -> Runtime.getRuntime().halt(128 + again.getNumber()));
      stop.accept("SIGINT");
    });
  }
}
