package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runner.jar started as users start it: the launcher JVM and the child it re-launches. */
class LauncherIT {
  @TempDir Path tmp;

  @Test
  void killingTheLauncherWithSigkillStopsTheChildWithACheckpointAndTheRerunResumes() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("run");
    JarProcess launcher = JarProcess.startLauncher(tmp, "run", job.toString(), "--output", out.toString(),
        "--set", "train.steps=1000000", "--set", "train.log_every_steps=50", "--set", "checkpoint.every_steps=100000");
    Path metrics = out.resolve("metrics.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
    while (!(Files.exists(metrics) && Files.size(metrics) > 0) && System.nanoTime() < deadline && launcher.process.isAlive()) {
      Thread.sleep(50);
    }
    List<ProcessHandle> children = launcher.process.toHandle().children().toList();
    assertEquals(1, children.size(), "the launcher re-launched itself: " + Files.readString(launcher.log));
    ProcessHandle child = children.get(0);
    assertTrue(child.isAlive(), Files.readString(launcher.log));

    launcher.process.destroyForcibly(); // SIGKILL: the launcher can forward nothing
    launcher.process.waitFor(30, TimeUnit.SECONDS);
    boolean ended = child.onExit().thenApply(h -> true).completeOnTimeout(false, 60, TimeUnit.SECONDS).get();
    String log = Files.readString(launcher.log);
    try {
      assertTrue(ended, "the child outlived its launcher by 60 s: " + log);
    } finally {
      child.destroyForcibly();
    }
    assertTrue(log.contains("is gone; stopping as on SIGTERM"), log);
    assertTrue(log.contains("checkpoint written; rerun to resume"), log);
    long stoppedAt = Checkpoints.readState(new Checkpoints(out.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow()).step();
    assertTrue(stoppedAt > 0, "a checkpoint at the stop: " + stoppedAt);

    JarProcess rerun = JarProcess.start(tmp, "run", job.toString(), "--output", out.toString(),
        "--set", "train.steps=" + (stoppedAt + 10), "--set", "train.log_every_steps=50", "--set", "checkpoint.every_steps=100000").finish(300);
    assertEquals(0, rerun.exit, rerun.output);
    assertTrue(rerun.output.contains("resuming from") && rerun.output.contains("(step " + stoppedAt + ")"), rerun.output);
  }
}
