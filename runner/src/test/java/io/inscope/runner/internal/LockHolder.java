package io.inscope.runner.internal;

import java.nio.file.Path;

/** A child process for {@link RunDirectoryTest}: takes a run directory's lock and holds it. */
final class LockHolder {
  // kept reachable: an unreachable channel may be closed by its cleaner, releasing the lock
  private static RunDirectory held;

  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    held = RunDirectory.acquire(Path.of(args[0]));
    System.out.println("locked");
    System.out.flush();
    Thread.sleep(60_000);
  }
}
