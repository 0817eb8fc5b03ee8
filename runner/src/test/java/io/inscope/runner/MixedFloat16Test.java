package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code precision: mixed_float16} through {@code runner.jar run}: inputs scaled by 300 overflow
 * float16 gradients at the initial loss scale, so the first steps are skipped and the scale falls,
 * then grows its count of finite steps. Interrupted at step 22 (the scale lowered, the count part
 * way) and resumed, with 4 steps per execution on two mirrored replicas, the run ends bit for bit
 * as one uninterrupted run of one step per execution: weights, slots, the optimizer's iterations,
 * the scale and its count, and every metrics line, {@code loss_scale} included.
 */
class MixedFloat16Test {
  @TempDir Path tmp;

  @Test
  void resumedMidGrowthAndChainedStepsTrainBitForBitAsOneRun() throws Exception {
    Path job = tmp.resolve("f16.yaml");
    Files.writeString(job, """
        version: 1
        name: f16
        seed: 5
        precision: mixed_float16
        strategy: {type: mirrored, replicas: 2}
        model:
          input: {shape: [6]}
          layers:
            - dense: {units: 12, activation: relu}
            - dense: {units: 3}
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train:
            synthetic: {examples: 160, classes: 3}
            shuffle: 160
            batch_size: 16
            preprocessing: [rescale: 300]
          eval: {synthetic: {examples: 32, classes: 3}, batch_size: 32}
        train: {steps: 45, log_every_steps: 1, eval_every: 15}
        checkpoint: {every_steps: 9, keep: 2}
        tensorboard: {enabled: false}
        """);
    Path one = tmp.resolve("one");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", one.toString(), "--quiet",
        "--set", "train.steps_per_execution=1");
    assertEquals(0, r.exit(), r.err());
    Path four = tmp.resolve("four");
    r = CliHarness.run("run", job.toString(), "--output", four.toString(), "--quiet",
        "--set", "train.steps_per_execution=4", "--set", "train.steps=22");
    assertEquals(0, r.exit(), r.err());
    float[] scaleAt22 = CheckpointValues.read(latest(four)).get("loss_scale");
    assertTrue(scaleAt22[0] < 32768f, "the scale fell before step 22: " + scaleAt22[0]);
    r = CliHarness.run("run", job.toString(), "--output", four.toString(), "--quiet",
        "--set", "train.steps_per_execution=4");
    assertEquals(0, r.exit(), r.err());

    assertEquals(CheckpointReader.read(latest(one)), CheckpointReader.read(latest(four)),
        "weights, slots, iterations, loss scale and its counter must be the same");
    List<String> m1 = metrics(one);
    // the run that stopped at step 22 also evaluated there, as any job's last step does
    assertEquals(m1, metrics(four).stream().filter(l -> !l.startsWith("{\"split\":\"eval\",\"step\":22,")).toList(),
        "per-step losses, loss scales and evaluations must be the same");
    // the scale each step applied: halved from 2^15 while steps overflow, then held
    List<Double> scales = m1.stream().filter(l -> l.contains("\"split\":\"train\"")).map(MixedFloat16Test::scale).toList();
    assertEquals(45, scales.size());
    assertTrue(scales.get(0) == 32768.0 && scales.get(44) < 16384.0, scales.toString());
    for (int i = 1; i < scales.size(); i++) {
      double ratio = scales.get(i) / scales.get(i - 1);
      assertTrue(ratio == 1.0 || ratio == 0.5, "the scale only halves or holds in 45 steps: " + scales);
    }
    int skipped = (int) Math.round(Math.log(32768.0 / scales.get(44)) / Math.log(2));
    assertTrue(skipped >= 2, "steps were skipped: " + scales);
  }

  private static double scale(String line) {
    Matcher m = Pattern.compile("\"loss_scale\":([0-9.E]+)").matcher(line);
    assertTrue(m.find(), line);
    return Double.parseDouble(m.group(1));
  }

  private static Path latest(Path run) throws IOException {
    return new Checkpoints(run.resolve("checkpoints"), 2, w -> {}).latest().orElseThrow();
  }

  /** metrics.jsonl without the timing fields. */
  private static List<String> metrics(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream()
        .map(l -> l.replaceAll(",\"examples_per_sec\":[^,}]*", "").replaceAll(",\"time\":\"[^\"]*\"", ""))
        .toList();
  }
}
