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
    assertEquals("""
        model_checkpoint_path: "ckpt-0000000060/variables"
        all_model_checkpoint_paths: "ckpt-0000000050/variables"
        all_model_checkpoint_paths: "ckpt-0000000060/variables"
        """, Files.readString(out.resolve("checkpoints/checkpoint")), "the state file tf.train.latest_checkpoint reads");
  }

  @Test
  void evalEveryNeverDoesNotEvaluateEvenAtTheEnd() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--set", "train.eval_every=never");
    assertEquals(0, r.exit(), r.err());
    List<String> lines = Files.readAllLines(out.resolve("metrics.jsonl"));
    assertEquals(3, lines.size(), "train log lines at steps 20, 40, 60 and no evaluation: " + lines);
    assertTrue(lines.stream().noneMatch(l -> l.contains("\"split\":\"eval\"")), lines.toString());
    assertFalse(r.err().contains("eval "), r.err());
    assertTrue(r.err().contains("done: synth, 60 steps") && r.err().contains("train loss"), r.err());
  }

  @Test
  void badJobFileExits2WithoutAStackTrace() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "optimzer: adam\n");
    CliHarness.Run r = CliHarness.run("run", job.toString());
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains("optimzer"), r.err());
    assertFalse(r.err().contains("\tat "), r.err());
  }

  @Test
  void aCorruptedLatestCheckpointIsSkippedAndThePreviousOneUsed() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path whole = tmp.resolve("whole");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", whole.toString(), "--quiet", "--set", "train.steps=80").exit());
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet").exit());
    Path newest = latest(out);
    assertEquals(60, Checkpoints.readState(newest).step());
    Path data;
    try (var files = Files.list(newest)) {
      data = files.filter(f -> f.getFileName().toString().startsWith("variables.data")).findFirst().orElseThrow();
    }
    byte[] bytes = Files.readAllBytes(data);
    bytes[bytes.length / 2] ^= 0x5a;
    Files.write(data, bytes);

    CliHarness.Run resumed = CliHarness.run("run", job.toString(), "--output", out.toString(), "--set", "train.steps=80");
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.err().contains("warning: skipping checkpoint " + newest + ": files do not match MANIFEST.json"), resumed.err());
    assertTrue(resumed.err().contains("(step 50)"), resumed.err());
    assertEquals(CheckpointReader.read(latest(whole)), CheckpointReader.read(latest(out)));
  }

  @Test
  void rerunningAFinishedJobDoesNothingUnlessFresh() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=20").exit());
    List<String> metrics = Files.readAllLines(out.resolve("metrics.jsonl"));

    CliHarness.Run again = CliHarness.run("run", job.toString(), "--output", out.toString(), "--set", "train.steps=20");
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().startsWith("synth already finished (20 steps; eval loss "), again.err());
    assertEquals(metrics, Files.readAllLines(out.resolve("metrics.jsonl")), "nothing ran");

    CliHarness.Run fresh = CliHarness.run("run", job.toString(), "--output", out.toString(), "--fresh", "--set", "train.steps=20");
    assertEquals(0, fresh.exit(), fresh.err());
    assertTrue(fresh.err().contains("--fresh: removed 2 earlier checkpoint(s)"), fresh.err());
    assertTrue(fresh.err().contains("done: synth, 20 steps"), fresh.err());
  }

  @Test
  void maxDurationCheckpointsAndExits75() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet",
        "--set", "train.steps=1000000", "--set", "train.max_duration=1500ms");
    assertEquals(ExitCodes.INTERRUPTED, r.exit(), r.err());
    assertTrue(r.err().contains("stopping (train.max_duration 1s500ms reached)"), r.err());
    long step = Checkpoints.readState(latest(out)).step();
    assertTrue(r.err().contains("interrupted at step " + step + " (train.max_duration"), r.err());
    assertTrue(step > 0 && step < 1000000, "stopped at " + step);
    assertFalse(Files.exists(out.resolve("finished.json")));
  }

  @Test
  void aSweepOf2x2ValuesRunsFourJobsInTheirOwnDirectoriesAndSummarizes() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("sweep");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet",
        "--set", "train.steps=10", "--sweep", "optimizer.sgd.learning_rate=0.05,0.1",
        "--sweep", "model.layers[0].dense.units=8,16");
    assertEquals(0, r.exit(), r.err());
    List<String> names = List.of("learning_rate=0.05,units=8", "learning_rate=0.05,units=16",
        "learning_rate=0.1,units=8", "learning_rate=0.1,units=16");
    try (var dirs = Files.list(out)) {
      assertEquals(names.stream().sorted().toList(), dirs.map(d -> d.getFileName().toString()).sorted().toList());
    }
    for (String n : names) {
      assertTrue(Files.exists(out.resolve(n).resolve("finished.json")), n);
      assertTrue(Files.readString(out.resolve(n).resolve("job.resolved.yaml")).contains("units: " + n.replaceAll(".*units=", "")), n);
      assertTrue(r.err().lines().anyMatch(l -> l.matches("synth " + n + " +0 +finished +10 .*eval loss .*")), r.err());
    }
    assertTrue(r.err().lines().anyMatch(l -> l.matches("job +exit +status +steps +time +run directory +final metrics")), r.err());
    assertFalse(r.err().contains("== synth"), "--quiet prints no per-job header: " + r.err());
  }

  @Test
  void aSweepGoesBesideTheBaseJobsRunDirectoryNotInsideIt() throws Exception {
    Path runs = tmp.resolve("runs");
    Path job = CliHarness.syntheticJob(tmp, "output: " + runs.resolve("synth") + "\n");
    assertEquals(0, CliHarness.run("run", job.toString(), "--quiet", "--set", "train.steps=5").exit());
    List<String> base;
    try (var files = Files.list(runs.resolve("synth"))) {
      base = files.map(f -> f.getFileName().toString()).sorted().toList();
    }
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--set", "train.steps=5",
        "--sweep", "optimizer.sgd.learning_rate=0.05,0.1");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("== synth learning_rate=0.05 (" + runs.resolve("synth-sweep").resolve("learning_rate=0.05") + ")"), r.err());
    for (String n : List.of("learning_rate=0.05", "learning_rate=0.1")) {
      assertTrue(Files.exists(runs.resolve("synth-sweep").resolve(n).resolve("finished.json")), n);
    }
    try (var files = Files.list(runs.resolve("synth"))) {
      assertEquals(base, files.map(f -> f.getFileName().toString()).sorted().toList(), "the base run directory is unchanged");
    }
  }

  @Test
  void aSweepIsNotMadeInsideAnEarlierRunsDirectory() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.steps=5").exit());
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--set", "train.steps=5",
        "--sweep", "optimizer.sgd.learning_rate=0.05,0.1");
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().startsWith("--output " + out + " is the run directory of an earlier run; the sweep's runs would be made inside it"), r.err());
    assertFalse(Files.exists(out.resolve("learning_rate=0.05")));
  }

  @Test
  void anOutputThatIsSomeoneElsesDirectoryIsRefusedWithExit2() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path mine = Files.createDirectories(tmp.resolve("notes"));
    Files.writeString(mine.resolve(".notes.tmp"), "draft");
    Files.writeString(mine.resolve("metrics.jsonl"), "{\"mine\":1}\n");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", mine.toString(), "--set", "train.steps=5");
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().startsWith(mine + " is not empty and is not a run directory"), r.err());
    assertTrue(r.err().contains("Give --output a new or empty directory"), r.err());
    assertEquals("draft", Files.readString(mine.resolve(".notes.tmp")));
    assertEquals("{\"mine\":1}\n", Files.readString(mine.resolve("metrics.jsonl")));
  }

  @Test
  void severalJobsContinuePastAFailureAndExitWithTheMostSevereCode() throws Exception {
    Path good = CliHarness.syntheticJob(Files.createDirectories(tmp.resolve("a")), "");
    Path bad = CliHarness.syntheticJob(Files.createDirectories(tmp.resolve("b")), "optimzer: adam\n");
    Path out = tmp.resolve("runs");
    CliHarness.Run r = CliHarness.run("run", bad.toString(), good.toString(), "--output", out.toString(), "--quiet",
        "--set", "train.steps=10");
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("unknown key 'optimzer'"), r.err());
    assertTrue(Files.exists(out.resolve("synth").resolve("finished.json")), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches(".*b.job\\.yaml +2 +job-file or usage error .*")), r.err());
    assertTrue(r.err().lines().anyMatch(l -> l.matches("synth +0 +finished +10 .*")), r.err());
  }

  @Test
  void twoJobsCannotShareARunDirectory() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    CliHarness.Run r = CliHarness.run("run", job.toString(), job.toString(), "--output", tmp.resolve("o").toString(),
        "--quiet", "--set", "train.steps=5");
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains("is already used by job synth of this command"), r.err());
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }
}
