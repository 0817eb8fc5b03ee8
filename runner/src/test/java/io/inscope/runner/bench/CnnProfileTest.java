package io.inscope.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code bench --profile-cnn}: one traced step of the tutorial CNN, kernels by op type. */
class CnnProfileTest {

  @Test
  void tracesOneStepAndTablesItsKernels() throws Exception {
    StringWriter text = new StringWriter();
    new CnnProfile(1, 0, 0).run(new PrintWriter(text));
    String out = text.toString();
    List<String> rows = out.lines().filter(l -> l.startsWith("| ") && !l.startsWith("| op type") && !l.startsWith("| ---")).toList();
    assertTrue(rows.size() > 10, out);
    double shares = 0;
    for (String row : rows) {
      String[] cells = row.split("\\|");
      shares += Double.parseDouble(cells[4].trim().replace("%", ""));
    }
    // each share is rounded to 0.1%
    assertEquals(100.0, shares, 0.05 * rows.size(), out);
    // the pooling layer builds MaxPool (oneDNN rewrites it), not MaxPoolV2
    assertTrue(rows.stream().anyMatch(r -> r.matches("\\| (_MklNative)?MaxPool \\|.*")), out);
    assertTrue(rows.stream().anyMatch(r -> r.matches("\\| (_MklNative)?MaxPoolGrad \\|.*")), out);
    assertFalse(out.contains("MaxPoolV2"), out);
    assertTrue(rows.stream().anyMatch(r -> r.contains("Conv2D")), out);
    // the relu gradients read the activations' outputs, so grappler fuses every relu (two
    // convolutions, the hidden dense layer) into its conv/matmul + bias kernel
    assertFalse(rows.stream().anyMatch(r -> r.startsWith("| Relu |")), out);
    assertTrue(out.matches("(?s).*FusedConv2D \\[BiasAdd, Relu\\] x2.*"), out);
    assertTrue(out.matches("(?s).*FusedMatMul \\[BiasAdd, Relu\\] x1.*"), out);
  }
}
