package io.inscope.runner.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Closes something that may block forever. Closing a session to a cluster one of whose tasks has
 * died waits on that task with no timeout; the run is ending anyway, so the close is left on a
 * daemon thread and the process ends without it.
 */
final class BoundedClose {
  private BoundedClose() {}

  /** Runs {@code close}; true when it finished within {@code wait}. */
  static boolean within(Runnable close, Duration wait) {
    CountDownLatch done = new CountDownLatch(1);
    Thread t = new Thread(() -> {
      close.run();
      done.countDown();
    }, "inscope-close");
    t.setDaemon(true);
    t.start();
    try {
      return done.await(wait.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
