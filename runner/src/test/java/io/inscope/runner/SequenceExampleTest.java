package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** examples/sequence-lstm.yaml runs as it is and learns its counting task (chance: 1/3). */
class SequenceExampleTest {
  @TempDir Path tmp;

  @Test
  void theLstmExampleLearnsToCountOverTheSequence() throws Exception {
    Path out = tmp.resolve("out");
    CliHarness.Run r = CliHarness.run("run", "../examples/sequence-lstm.yaml", "--output", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    JsonNode lastEval = null;
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      JsonNode n = new ObjectMapper().readTree(line);
      if (n.get("split").asText().equals("eval")) {
        lastEval = n;
      }
    }
    assertTrue(lastEval != null && lastEval.get("accuracy").asDouble() >= 0.95, String.valueOf(lastEval));
  }
}
