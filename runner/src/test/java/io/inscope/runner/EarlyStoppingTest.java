package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Early stopping with restore_best, the best checkpoint and export.from: best, end to end: the run
 * ends early with exit 0 and says why, the final checkpoint holds the weights of the best
 * evaluation, the export exists, and a rerun of the same job does nothing.
 */
class EarlyStoppingTest {
  @TempDir Path tmp;

  @Test
  void stopsEarlyRestoresTheBestWeightsAndExportsTheBestCheckpoint() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    // min_delta 10: only the first evaluation (step 10) improves; patience 2 stops at step 30
    String[] args = {"run", job.toString(), "--output", out.toString(),
      "--set", "train.eval_every=10",
      "--set", "train.early_stopping={monitor: eval.loss, patience: 2, min_delta: 10, restore_best: true}",
      "--set", "checkpoint.best={monitor: eval.loss}",
      "--set", "export={saved_model: true, from: best}"};
    CliHarness.Run r = CliHarness.run(args);
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("(early stopping at step 30: eval.loss did not improve for 2 evaluations (best "), r.err());
    assertTrue(r.err().contains("at step 10); restored the weights of that evaluation)"), r.err());
    Path checkpoints = out.resolve("checkpoints");
    Path last = new Checkpoints(checkpoints, 100, w -> {}).latest().orElseThrow();
    assertEquals(30, Checkpoints.readState(last).step());
    assertTrue(Checkpoints.readState(last).stopped().startsWith("early stopping at step 30"));
    assertEquals(10, Checkpoints.readState(checkpoints.resolve(Checkpoints.EARLY_STOPPING_BEST)).step());
    assertEquals(weights(checkpoints.resolve(Checkpoints.EARLY_STOPPING_BEST)), weights(last),
        "the final checkpoint holds the restored weights");
    // checkpoint.best has no min_delta: it keeps the strictly lowest of the evaluations at 10, 20, 30
    List<Double> losses = evalLosses(out).subList(0, 3);
    int lowest = losses.indexOf(java.util.Collections.min(losses));
    Path best = checkpoints.resolve(Checkpoints.BEST);
    assertEquals(10L * (lowest + 1), Checkpoints.readState(best).step(), losses.toString());
    assertEquals(losses.get(lowest), Checkpoints.readState(best).watch("best").best(), 0.0);
    assertTrue(Files.exists(out.resolve("export/saved_model/30/saved_model.pb")));
    CliHarness.Run again = CliHarness.run(args);
    assertEquals(0, again.exit(), again.err());
    assertTrue(again.err().contains("nothing to do"), again.err());

    Path plain = tmp.resolve("plain");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", plain.toString(), "--quiet",
        "--set", "train.steps=30").exit());
    assertNotEquals(weights(last), weights(new Checkpoints(plain.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow()),
        "without early stopping the step-30 weights differ from the restored ones");
  }

  private static List<Double> evalLosses(Path runDir) throws Exception {
    List<Double> losses = new java.util.ArrayList<>();
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      var node = json.readTree(line);
      if (node.get("split").asText().equals("eval")) {
        losses.add(node.get("loss").asDouble());
      }
    }
    return losses;
  }

  /** The layer weights of a checkpoint (name and checksum), without optimizer state. */
  private static List<CheckpointReader.Entry> weights(Path checkpoint) throws Exception {
    return CheckpointReader.read(checkpoint).stream().filter(e -> e.name().startsWith("dense") && !e.name().contains("-")).toList();
  }
}
