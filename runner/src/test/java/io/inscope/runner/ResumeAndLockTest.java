package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import io.inscope.runner.internal.RunDirectory;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeAndLockTest {
  @TempDir Path tmp;

  /** Adam's moments and step counter, and per-step dropout masks, must survive a resume too. */
  @Test
  void resumeIsExactWithAdamAndDropout() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    String[] sets = {
      "--set", "optimizer={adam: {learning_rate: 0.01}}",
      "--set", "model.layers=[{dense: {units: 16, activation: relu}}, {dropout: 0.3}, {dense: {units: 4}}]"
    };
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    assertEquals(0, run(job, whole, sets, "train.steps=60").exit());
    assertEquals(0, run(job, split, sets, "train.steps=33").exit());
    CliHarness.Run resumed = run(job, split, sets, "train.steps=60");
    assertEquals(0, resumed.exit(), resumed.err());
    var a = CheckpointReader.read(latest(whole));
    var b = CheckpointReader.read(latest(split));
    assertEquals(a, b);
    assertTrue(a.stream().anyMatch(e -> e.name().equals("iterations")), "Adam's step counter is checkpointed: " + a);

    Path other = tmp.resolve("other-seed");
    assertEquals(0, run(job, other, sets, "train.steps=60", "--set", "seed=6").exit());
    assertNotEquals(a, CheckpointReader.read(latest(other)), "a different seed must give different weights");
  }

  @Test
  void aSecondRunOnABusyRunDirectoryFailsFastWithExit2() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("busy");
    try (RunDirectory held = RunDirectory.acquire(out)) {
      CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString());
      assertEquals(ExitCodes.USAGE, r.exit());
      assertTrue(r.err().contains("is in use by another run (pid " + ProcessHandle.current().pid() + ")"), r.err());
    }
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet").exit());
  }

  private static CliHarness.Run run(Path job, Path out, String[] sets, String steps, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("run", job.toString(), "--output", out.toString(), "--quiet"));
    args.addAll(java.util.List.of(sets));
    args.addAll(java.util.List.of("--set", steps));
    args.addAll(java.util.List.of(more));
    return CliHarness.run(args.toArray(String[]::new));
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }
}
