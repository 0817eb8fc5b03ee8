package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** What tests compare between two run directories: {@code evaluate --json} and the eval lines of metrics.jsonl. */
final class RunOutputs {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunOutputs() {}

  /** {@code evaluate RUN_DIR --json [more]}, which must exit 0, less the directory. */
  static ObjectNode evaluate(Path runDir, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("evaluate", runDir.toString(), "--json"));
    args.addAll(List.of(more));
    CliHarness.Run r = CliHarness.run(args.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());
    ObjectNode o = (ObjectNode) JSON.readTree(r.out());
    o.remove("run_dir");
    return o;
  }

  /** The eval lines of a run directory's metrics.jsonl, less their timing. */
  static List<ObjectNode> evalLines(Path runDir) throws Exception {
    List<ObjectNode> lines = new ArrayList<>();
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      ObjectNode o = (ObjectNode) JSON.readTree(line);
      if (o.get("split").asText().equals("eval")) {
        o.remove("examples_per_sec");
        o.remove("time");
        lines.add(o);
      }
    }
    return lines;
  }
}
