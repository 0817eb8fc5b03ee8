package io.inscope.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench --build-time}: one row per depth, built as {@code run} builds a job. */
class BuildTimeBenchTest {

  @Test
  void tablesLayersNodesAndSecondsPerDepth() throws Exception {
    StringWriter text = new StringWriter();
    new BuildTimeBench(List.of(1, 2)).run(new PrintWriter(text));
    String out = text.toString();
    List<String[]> rows = out.lines().filter(l -> l.matches("\\| \\d+ \\|.*")).map(l -> l.split("\\|")).toList();
    assertEquals(2, rows.size(), out);
    // stem (conv, batch norm, relu, max pool) + 10 layers per bottleneck block + pooling + dense
    assertEquals(4 + 10 + 2, Integer.parseInt(rows.get(0)[2].trim()), out);
    assertEquals(4 + 20 + 2, Integer.parseInt(rows.get(1)[2].trim()), out);
    assertTrue(Integer.parseInt(rows.get(1)[3].trim()) > Integer.parseInt(rows.get(0)[3].trim()), out);
    for (String[] r : rows) {
      for (int c = 4; c <= 7; c++) {
        assertTrue(Double.parseDouble(r[c].trim()) > 0, out);
      }
    }
  }
}
