package io.inscope.runner;

import java.util.function.Consumer;
import sun.misc.Signal;

/**
 * SIGTERM and SIGINT ask for a graceful stop (checkpoint, exit 75) instead of killing the JVM; a
 * second signal falls back to the default, immediate end (exit 128 + the signal's number).
 */
final class Signals {
  private Signals() {}

  /** Installs the handlers; {@code stop} receives the signal's name, e.g. {@code SIGTERM}. */
  static void onTerminate(Consumer<String> stop) {
    for (String name : new String[] {"TERM", "INT"}) {
      Signal signal = new Signal(name);
      Signal.handle(signal, s -> {
        Signal.handle(signal, again -> Runtime.getRuntime().halt(128 + again.getNumber()));
        stop.accept("SIG" + s.getName());
      });
    }
  }
}
