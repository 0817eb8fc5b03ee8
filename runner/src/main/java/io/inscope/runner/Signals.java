package io.inscope.runner;

import sun.misc.Signal;

/**
 * SIGTERM and SIGINT ask the run loop to checkpoint and return (exit 75) instead of killing the
 * JVM; a second signal falls back to the default, immediate end.
 */
final class Signals {
  private Signals() {}

  static void onTerminate(Runnable stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal signal = new Signal(name);
      Signal.handle(signal, s -> {
        stop.run();
        Signal.handle(signal, again -> Runtime.getRuntime().halt(128 + again.getNumber()));
      });
    }
  }
}
