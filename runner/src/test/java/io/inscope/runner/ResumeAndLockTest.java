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

  /** LSTM dropout and recurrent dropout (inside bidirectional) draw the same masks on a resumed run. */
  @Test
  void resumeIsExactWithRecurrentDropout() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    String layers = "model.layers=[{reshape: {target_shape: [4, 2]}},"
        + " {bidirectional: {layer: {lstm: {units: 4, dropout: 0.3, recurrent_dropout: 0.2}}}}, {dense: {units: 4}}]";
    String[] sets = {"--set", "optimizer={adam: {learning_rate: 0.01}}", "--set", layers};
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    assertEquals(0, run(job, whole, sets, "train.steps=30").exit());
    assertEquals(0, run(job, split, sets, "train.steps=17").exit());
    CliHarness.Run resumed = run(job, split, sets, "train.steps=30");
    assertEquals(0, resumed.exit(), resumed.err());
    var a = CheckpointReader.read(latest(whole));
    assertEquals(a, CheckpointReader.read(latest(split)));

    String[] without = {"--set", "optimizer={adam: {learning_rate: 0.01}}",
        "--set", layers.replace("dropout: 0.3, recurrent_dropout: 0.2", "dropout: 0.0")};
    Path plain = tmp.resolve("no-dropout");
    assertEquals(0, run(job, plain, without, "train.steps=30").exit());
    assertNotEquals(a, CheckpointReader.read(latest(plain)), "the masks change training");
  }

  /**
   * A cosine schedule with warm-up, AdamW with clipping and a moving average of the weights
   * (evaluated), the best checkpoint and early stopping: a
   * run split at step 25 ends exactly as the whole run, stopped early at step 30 (no evaluation
   * improves the loss by 10: the first sets the best, the next two count to patience 2), with the
   * step count, the learning-rate schedule's position and the stopping counters carried over.
   */
  @Test
  void resumeIsExactWithAScheduleAdamwClippingAndEarlyStopping() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    String[] sets = {
      "--set", "optimizer={adamw: {learning_rate: {cosine_decay: {initial: 0.01, decay_steps: 40, warmup_steps: 5}},"
          + " weight_decay: 0.01, exclude_from_weight_decay: [bias], clipnorm: 0.5, ema: {decay: 0.9}}}",
      "--set", "train.eval_every=10",
      "--set", "train.early_stopping={monitor: eval.loss, patience: 2, min_delta: 10}",
      "--set", "checkpoint.best={monitor: eval.accuracy}"
    };
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    CliHarness.Run once = run(job, whole, sets, "train.steps=60");
    assertEquals(0, once.exit(), once.err());
    assertTrue(once.err().contains("early stopping at step 30: eval.loss did not improve for 2 evaluations"), once.err());
    assertEquals(0, run(job, split, sets, "train.steps=25").exit());
    CliHarness.Run resumed = run(job, split, sets, "train.steps=60");
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.err().contains("early stopping at step 30"), resumed.err());
    var a = CheckpointReader.read(latest(whole));
    assertEquals(a, CheckpointReader.read(latest(split)));
    assertEquals(30, Checkpoints.readState(latest(split)).step());
    assertTrue(a.stream().anyMatch(e -> e.name().equals("dense.kernel-average")), "the averages are checkpointed: " + a);
    assertTrue(java.nio.file.Files.isDirectory(split.resolve("checkpoints").resolve(Checkpoints.BEST)));
    String metrics = java.nio.file.Files.readString(whole.resolve("metrics.jsonl"));
    assertTrue(metrics.contains("\"step\":20,\"epoch\":2,") && metrics.contains("\"learning_rate\":"), metrics);
  }

  /**
   * reduce_on_plateau with SGD and clipvalue: the rate halves at every evaluation after the first
   * (min_delta 10 makes none an improvement, patience 1), so the resumed run must restore the rate
   * variable and the counters to end as the whole run does.
   */
  @Test
  void resumeIsExactWithReduceOnPlateau() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    String[] sets = {
      "--set", "optimizer={sgd: {learning_rate: {reduce_on_plateau: {initial: 0.05, patience: 1, factor: 0.5, min_delta: 10}},"
          + " momentum: 0.9, clipvalue: 0.1}}",
      "--set", "train.eval_every=10"
    };
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    assertEquals(0, run(job, whole, sets, "train.steps=60").exit());
    assertEquals(0, run(job, split, sets, "train.steps=35").exit());
    assertEquals(0, run(job, split, sets, "train.steps=60").exit());
    var a = CheckpointReader.read(latest(whole));
    assertEquals(a, CheckpointReader.read(latest(split)));
    assertTrue(a.stream().anyMatch(e -> e.name().equals("learning_rate")), a.toString());
    // evaluations at 10, 20, ...: reductions at 20 and 30 precede the log line of step 40
    assertEquals(0.0125, loggedRate(whole, 40), 1e-9);
    assertEquals(0.0125, loggedRate(split, 40), 1e-9);
    assertEquals(0.05 / 16, loggedRate(split, 60), 1e-9);
  }

  private static double loggedRate(Path runDir, long step) throws Exception {
    double rate = Double.NaN;
    for (String line : java.nio.file.Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      var m = java.util.regex.Pattern.compile("\"split\":\"train\",\"step\":" + step + ",.*\"learning_rate\":([-0-9.eE]+)").matcher(line);
      if (m.find()) {
        rate = Double.parseDouble(m.group(1));
      }
    }
    return rate;
  }

  /**
   * Every augmentation at once: a run stopped at step 33, in the middle of its fourth epoch (10
   * steps each), and resumed ends with the weights of the run that never stopped, because each
   * batch's draws depend on the seed, the global step and the row only; two mirrored replicas end
   * with the same weights to float rounding. Without the random steps the weights differ: the
   * augmentation did change the batches.
   */
  @Test
  void resumeMidEpochIsExactWithAugmentation() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    String steps = "data.train.preprocessing=[{rescale: 1/2}, {normalize: {mean: 0.1, std: 0.9}}, random_flip,"
        + " {random_crop: 1}, {random_brightness: {factor: 0.2, value_range: [-3, 3]}},"
        + " {random_contrast: {factor: 0.3, value_range: [-3, 3]}}]";
    String[] sets = {
      "--set", "model.input.shape=[4, 2, 1]",
      "--set", "model.layers=[flatten, {dense: {units: 16, activation: relu}}, {dense: {units: 4}}]",
      "--set", "checkpoint.every_steps=7",
      "--set", steps
    };
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    assertEquals(0, run(job, whole, sets, "train.steps=60").exit());
    CliHarness.Run first = run(job, split, sets, "train.steps=33");
    assertEquals(0, first.exit(), first.err());
    assertEquals(33, Checkpoints.readState(latest(split)).step());
    CliHarness.Run resumed = run(job, split, sets, "train.steps=60");
    assertEquals(0, resumed.exit(), resumed.err());
    var a = CheckpointReader.read(latest(whole));
    assertEquals(a, CheckpointReader.read(latest(split)));

    // two mirrored replicas, each augmenting its half of the global batch, train as one device does
    Path mirrored = tmp.resolve("mirrored");
    assertEquals(0, run(job, mirrored, sets, "train.steps=60", "--set", "strategy={type: mirrored, replicas: 2}").exit());
    var m = CheckpointReader.read(latest(mirrored));
    assertEquals(a.size(), m.size());
    for (int i = 0; i < a.size(); i++) {
      var one = a.get(i).stats();
      var two = m.get(i).stats();
      if (!Double.isNaN(one.mean())) {
        // float rounding of the replicas' gradient mean, grown over 60 SGD-momentum steps
        assertEquals(one.mean(), two.mean(), 1e-4, a.get(i).name());
        assertEquals(one.max(), two.max(), 1e-4, a.get(i).name());
        assertEquals(one.min(), two.min(), 1e-4, a.get(i).name());
      }
    }

    Path plain = tmp.resolve("plain");
    String[] fixedOnly = sets.clone();
    fixedOnly[fixedOnly.length - 1] = "data.train.preprocessing=[{rescale: 1/2}, {normalize: {mean: 0.1, std: 0.9}}]";
    assertEquals(0, run(job, plain, fixedOnly, "train.steps=60").exit());
    assertNotEquals(a, CheckpointReader.read(latest(plain)));
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
