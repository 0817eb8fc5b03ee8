package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
  @TempDir Path tmp;

  @Test
  void resumedRunEndsBitIdenticalToAnUninterruptedOne() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", whole.toString(), "--quiet").exit());
    CliHarness.Run first = CliHarness.run("run", job.toString(), "--output", split.toString(), "--quiet", "--set", "train.steps=25");
    assertEquals(0, first.exit(), first.err());
    CliHarness.Run second = CliHarness.run("run", job.toString(), "--output", split.toString(), "--set", "train.steps=60");
    assertEquals(0, second.exit(), second.err());
    assertTrue(second.err().contains("resuming from") && second.err().contains("(step 25)"), second.err());

    List<CheckpointReader.Entry> a = CheckpointReader.read(latest(whole));
    List<CheckpointReader.Entry> b = CheckpointReader.read(latest(split));
    assertEquals(a, b, "weights, slots and global_step after resume must equal the uninterrupted run");
    assertEquals(60, Checkpoints.readState(latest(split)).step());
  }

  @Test
  void freshIgnoresCheckpoints() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=20").exit());
    CliHarness.Run again = CliHarness.run("run", job.toString(), "--output", out.toString(), "--fresh", "--set", "train.steps=20");
    assertEquals(0, again.exit(), again.err());
    assertFalse(again.err().contains("resuming"), again.err());
  }

  @Test
  void divergenceExits3AndKeepsTheLastGoodCheckpoint() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet",
        "--set", "optimizer={sgd: {learning_rate: 1.0e+30}}", "--set", "checkpoint.every_steps=1");
    assertEquals(ExitCodes.DIVERGED, r.exit(), r.err());
    assertTrue(r.err().contains("training diverged at step"), r.err());
    assertFalse(r.err().contains("Exception"), r.err());
    for (CheckpointReader.Entry e : CheckpointReader.read(latest(out))) {
      assertFalse(e.checksum().isEmpty());
    }
    long diverged = Long.parseLong(r.err().replaceAll("(?s).*diverged at step (\\d+).*", "$1"));
    assertTrue(Checkpoints.readState(latest(out)).step() < diverged);
  }

  @Test
  void runDirectoryHoldsTheResolvedJobProvenanceAndMetrics() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet").exit());
    assertTrue(Files.readString(out.resolve("job.resolved.yaml")).contains("learning_rate: 0.05"));
    String provenance = Files.readString(out.resolve("provenance.json"));
    assertTrue(provenance.contains("\"tensorflow\"") && provenance.contains("\"seed\" : 5"), provenance);
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertEquals(4, lines.size(), "3 train log lines (steps 20, 40, 60) and the final eval: " + lines);
    assertTrue(lines.get(0).startsWith("{\"split\":\"train\",\"step\":20,"), lines.get(0));
    assertTrue(lines.get(3).startsWith("{\"split\":\"eval\",\"step\":60,"), lines.get(3));
    assertFalse(Files.exists(out.resolve(".lock")), "the lock is released when the run ends");
  }

  @Test
  void badJobFileExits2WithoutAStackTrace() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "optimzer: adam\n");
    CliHarness.Run r = CliHarness.run("run", job.toString());
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("optimzer"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }
}
