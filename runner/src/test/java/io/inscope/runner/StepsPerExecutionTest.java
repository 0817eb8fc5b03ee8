package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several steps per Session.run train exactly as one step per run: same weights, optimizer slots,
 * global step and per-step metrics, bit for bit, with dropout, batch normalization and Adam on two
 * mirrored replicas, including a resume and executions cut short at eval and checkpoint steps.
 */
class StepsPerExecutionTest {
  @TempDir Path tmp;

  @Test
  void fourStepsPerExecutionEqualOneBitForBitAcrossAResume() throws Exception {
    Path job = job();
    Path one = trainInTwoRuns(job, "1");
    Path four = trainInTwoRuns(job, "4");

    assertEquals(CheckpointReader.read(latest(one)), CheckpointReader.read(latest(four)),
        "weights, slots and global_step after 4-step executions must equal 1-step ones");
    assertEquals(45, Checkpoints.readState(latest(four)).step());
    List<String> m1 = metrics(one);
    List<String> m4 = metrics(four);
    assertEquals(m1, m4, "per-step losses, metrics and evaluations must be the same");
    assertTrue(m1.size() > 8, m1.toString());
  }

  /**
   * {@code auto} (the default) builds 16 chained steps for this 4-layer model and 10,400-step job,
   * measures lengths 1 and 16 (and again after a resume at step 10,010), logs its choice, and trains
   * bit for bit as one step per run, with executions cut at evaluation and checkpoint steps, on two
   * mirrored replicas.
   */
  @Test
  void autoChoosesALengthAndTrainsBitForBitAsOneStepPerRun() throws Exception {
    Path job = tmp.resolve("auto.yaml");
    Files.writeString(job, Files.readString(job()).replace("train: {steps: 45, log_every_steps: 7, eval_every: 15}",
        "train: {steps: 10400, log_every_steps: 370, eval_every: 1000}").replace("checkpoint: {every_steps: 9, keep: 2}",
        "checkpoint: {every_steps: 2500, keep: 2}"));
    Path one = tmp.resolve("one");
    Path auto = tmp.resolve("auto");
    String chosen = null;
    for (String steps : List.of("10010", "10400")) {
      CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", one.toString(), "--quiet",
          "--set", "train.steps_per_execution=1", "--set", "train.steps=" + steps);
      assertEquals(0, r.exit(), r.err());
      r = CliHarness.run("run", job.toString(), "--output", auto.toString(), "--set", "train.steps=" + steps);
      assertEquals(0, r.exit(), r.err());
      chosen = r.err().lines().filter(l -> l.startsWith("steps_per_execution auto: ")).findFirst().orElse(chosen);
    }
    assertTrue(chosen != null && chosen.matches("steps_per_execution auto: (1|16) \\(µs per step by steps per run: "
        + "1: [0-9.]+(, 16: [0-9.]+)?\\)"), "the choice is logged: " + chosen);
    assertTrue(Files.readString(auto.resolve("job.resolved.yaml")).contains("steps_per_execution: auto"));
    assertEquals(CheckpointReader.read(latest(one)), CheckpointReader.read(latest(auto)),
        "weights, slots and global_step with auto must equal 1-step executions");
    assertEquals(10400, Checkpoints.readState(latest(auto)).step());
    assertEquals(metrics(one), metrics(auto), "per-step losses, metrics and evaluations must be the same");
  }

  /** Trains 22 steps, then resumes to 45. */
  private Path trainInTwoRuns(Path job, String stepsPerExecution) {
    Path out = tmp.resolve("k" + stepsPerExecution);
    for (String steps : List.of("22", "45")) {
      CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet",
          "--set", "train.steps_per_execution=" + stepsPerExecution, "--set", "train.steps=" + steps);
      assertEquals(0, r.exit(), r.err());
    }
    return out;
  }

  private Path job() throws IOException {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, """
        version: 1
        name: spe
        seed: 11
        strategy: {type: mirrored, replicas: 2}
        variables:
          - {name: global_step, shape: [], dtype: int64, initializer: zeros, trainable: false}
        model:
          input: {shape: [6]}
          layers:
            - dense: {units: 12, activation: relu}
            - batch_normalization
            - dropout: {rate: 0.25}
            - dense: {units: 3}
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train: {synthetic: {examples: 160, classes: 3}, shuffle: 160, batch_size: 16}
          eval: {synthetic: {examples: 32, classes: 3}, batch_size: 32}
        train: {steps: 45, log_every_steps: 7, eval_every: 15}
        checkpoint: {every_steps: 9, keep: 2}
        """);
    return job;
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
