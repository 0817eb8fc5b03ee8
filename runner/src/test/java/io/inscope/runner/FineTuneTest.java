package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code init_from}: run A trains a base and a head; run B loads A's base into a frozen layer
 * ({@code trainable: false}) and trains a new head on two mirrored replicas (transfer learning): its
 * base ends bit for bit A's, on both replicas, and its head is its own. A SavedModel source with a
 * name map does the same; a shape mismatch is an error at the key's line and column, exit 2; a
 * resumed run does not load again.
 */
class FineTuneTest {
  @TempDir Path tmp;

  @Test
  void frozenBaseFromRunAKeepsItsWeightsWhileANewHeadTrains() throws Exception {
    Path a = tmp.resolve("a");
    CliHarness.Run r = CliHarness.run("run", job("a", "base", 12, "", "").toString(), "--output", a.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    Map<String, String> fromA = checksums(latest(a));

    Path b = tmp.resolve("b");
    Path jobB = job("b", "base", 12, "trainable: false", """
        init_from: {run: %s, exclude: ["head.*"]}
        strategy: {type: mirrored, replicas: 2}
        """.formatted(a));
    r = CliHarness.run("run", jobB.toString(), "--output", b.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("init_from run " + a + " (") && r.err().contains("loaded 2 weight(s); skipped by include/exclude: head.kernel, head.bias; missing in the source, initialized: none"), r.err());
    JsonNode report = new ObjectMapper().readTree(b.resolve("init_from.json").toFile());
    assertEquals("{\"base.kernel\":\"base.kernel\",\"base.bias\":\"base.bias\"}", report.get("loaded").toString());
    assertEquals("[\"head.kernel\",\"head.bias\"]", report.get("skipped").toString());
    Map<String, String> fromB = checksums(latest(b));
    assertEquals(fromA.get("base.kernel"), fromB.get("base.kernel"), "the frozen base is A's, bit for bit");
    assertEquals(fromA.get("base.bias"), fromB.get("base.bias"));
    assertNotEquals(fromA.get("head.kernel"), fromB.get("head.kernel"), "the head is B's own");
    Map<String, List<String>> replicas = Checkpoints.readReplicaChecksums(latest(b));
    for (String w : List.of("base.kernel", "head.kernel")) {
      assertEquals(2, replicas.get(w).size());
      assertEquals(replicas.get(w).get(0), replicas.get(w).get(1), w + ": both replicas alike");
    }

    // resume wins: a longer run continues from B's checkpoint and says it does not load again
    r = CliHarness.run("run", jobB.toString(), "--output", b.toString(), "--set", "train.steps=50");
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("init_from not applied (a resumed run continues from its own checkpoint)"), r.err());
    assertEquals(fromA.get("base.kernel"), checksums(latest(b)).get("base.kernel"));

    // a SavedModel source, A's base loaded under another name
    Path c = tmp.resolve("c");
    Path export = Files.list(a.resolve("export/saved_model")).findFirst().orElseThrow();
    r = CliHarness.run("run", job("c", "encoder", 12, "trainable: false", """
        init_from: {saved_model: %s, include: ["encoder.*"], map: {"base.": "encoder."}}
        """.formatted(export)).toString(), "--output", c.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.err().contains("loaded 2 weight(s)"), r.err());
    assertEquals(fromA.get("base.kernel"), checksums(latest(c)).get("encoder.kernel"));

    // a checkpoint whose base has another width: exit 2 at init_from's line and column
    Path jobD = job("d", "base", 10, "", """
        init_from: {checkpoint: %s}
        """.formatted(latest(a)));
    r = CliHarness.run("run", jobD.toString(), "--output", tmp.resolve("d").toString());
    assertEquals(2, r.exit(), r.err());
    List<String> lines = Files.readAllLines(jobD);
    String key = lines.stream().filter(l -> l.startsWith("init_from:")).findFirst().orElseThrow();
    String at = jobD + ":" + (lines.indexOf(key) + 1) + ":" + (key.indexOf('{') + 1) + ": ";
    assertTrue(r.err().contains(at + "init_from: shape mismatch in checkpoint " + latest(a) + ": "
        + "base.kernel is [6, 12] in the source but [6, 10] in this job; base.bias is [12] in the source but [10] in this job; "
        + "head.kernel is [12, 3] in the source but [10, 3] in this job"), r.err());
    assertTrue(!r.err().contains("Exception"), "no stack trace: " + r.err());
  }

  private Path job(String name, String base, int width, String frozen, String extra) throws IOException {
    String yaml = """
        version: 1
        name: %s
        seed: %d
        model:
          input: {shape: [6]}
          layers:
            - dense: {name: %s, units: %d, activation: relu%s}
            - dense: {name: head, units: 3}
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train: {synthetic: {examples: 160, classes: 3}, shuffle: 160, batch_size: 16}
        train: {steps: 40, log_every_steps: 10, eval_every: never}
        checkpoint: {every_steps: 20, keep: 2}
        export: {saved_model: true}
        %s""".formatted(name, name.equals("a") ? 1 : 2, base, width, frozen.isEmpty() ? "" : ", " + frozen, extra);
    return Files.writeString(tmp.resolve(name + ".yaml"), yaml);
  }

  private static Path latest(Path run) throws IOException {
    return new Checkpoints(run.resolve("checkpoints"), 2, w -> {}).latest().orElseThrow();
  }

  private static Map<String, String> checksums(Path checkpoint) throws IOException {
    return CheckpointReader.read(checkpoint).stream().collect(Collectors.toMap(CheckpointReader.Entry::name, CheckpointReader.Entry::checksum));
  }
}
