package io.inscope.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The processes a test started (runner.jar tasks, servers), killed and waited for after each test
 * whatever its outcome, so that no task outlives the test that started it and holds its ports.
 * Register with {@code @RegisterExtension final StartedProcesses started = new StartedProcesses();}.
 */
final class StartedProcesses implements AfterEachCallback {
  private final List<Process> started = new ArrayList<>();

  /** Kills {@code p} after the test. */
  void add(Process p) {
    started.add(p);
  }

  @Override
  public void afterEach(ExtensionContext context) throws InterruptedException {
    for (Process p : started) {
      p.destroyForcibly();
      p.waitFor(30, TimeUnit.SECONDS);
    }
    started.clear();
  }
}
