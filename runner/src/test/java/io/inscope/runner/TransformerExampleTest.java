package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/reviews-transformer.yaml (a one-block Transformer encoder over token ids) runs as it
 * is, learns the reviews' sentiment well above chance (1/2), and exports; its weights are named
 * by layer as a Keras model of the same layer names holds them.
 */
class TransformerExampleTest {
  @TempDir Path tmp;

  @Test
  void theTransformerExampleRunsAsItIsAndLearns() throws Exception {
    Path out = tmp.resolve("out");
    CliHarness.Run r = CliHarness.run("run", "../examples/reviews-transformer.yaml", "--output", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode lastEval = null;
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      JsonNode n = new ObjectMapper().readTree(line);
      if (n.get("split").asText().equals("eval")) {
        lastEval = n;
      }
    }
    System.out.println("reviews-transformer: last evaluation " + lastEval);
    assertTrue(lastEval != null && lastEval.get("accuracy").asDouble() >= 0.8, String.valueOf(lastEval));
    assertTrue(Files.isDirectory(out.resolve("export/saved_model")));

    CliHarness.Run plan = CliHarness.run("plan", "../examples/reviews-transformer.yaml");
    assertEquals(0, plan.exit(), plan.err());
    for (String weight : new String[] {"positions.embeddings", "attention.query.kernel", "attention.attention_output.kernel",
        "attention_norm.gamma", "ffn_hidden.kernel", "encoded.beta"}) {
      assertTrue(plan.out().contains(weight), weight + " in\n" + plan.out());
    }
  }
}
