package io.inscope.runner.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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

  /**
   * {@code --profile-export DIR}: the graph as built, the session's config, the feeds and the
   * names to feed, fetch and run, for {@code tools/run_exported_step.py}.
   */
  @Test
  void exportsTheStepGraphConfigAndFeeds(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    new CnnProfile(1, 0, 0, "float32", dir).run(new PrintWriter(new StringWriter()));
    org.tensorflow.proto.GraphDef graph = org.tensorflow.proto.GraphDef.parseFrom(java.nio.file.Files.readAllBytes(dir.resolve("graph.pb")));
    java.util.Set<String> names = new java.util.HashSet<>();
    graph.getNodeList().forEach(n -> names.add(n.getName()));
    org.tensorflow.proto.ConfigProto config = org.tensorflow.proto.ConfigProto.parseFrom(java.nio.file.Files.readAllBytes(dir.resolve("config.pb")));
    assertTrue(config.getAllowSoftPlacement());
    String json = java.nio.file.Files.readString(dir.resolve("step.json"));
    Matcher m = Pattern.compile("\"([^\"]+)\"").matcher(json);
    int checked = 0;
    while (m.find()) {
      String s = m.group(1);
      if (List.of("features", "features_shape", "labels", "labels_shape", "step", "target", "fetches", "initializers").contains(s)) {
        continue; // a key
      }
      assertTrue(names.contains(s), "step.json names " + s + ", not a node of graph.pb");
      checked++;
    }
    assertTrue(checked > 20, json);
    assertTrue(json.contains("\"target\": \"train_step\""), json);
    assertEquals(100L * 28 * 28 * 4, java.nio.file.Files.size(dir.resolve("features.f32")));
    assertEquals(100L * 4, java.nio.file.Files.size(dir.resolve("labels.f32")));
  }

  /**
   * {@code precision: mixed_bfloat16}: the convolutions and matmuls of the step run in bfloat16
   * (the float32 job runs none), and the loss after 3 steps from the same initial weights on the
   * same batches is the float32 loss within 2% (bfloat16 keeps 8 significant bits, a relative
   * rounding of 2^-9 per value; measured here: well under 1%).
   */
  @Test
  void mixedBfloat16ComputesInBfloat16CloseToFloat32() throws Exception {
    String f32 = profile("float32");
    String bf16 = profile("mixed_bfloat16");
    assertTrue(f32.contains("executed nodes computing in bfloat16 (attr T): 0"), f32);
    Matcher m = Pattern.compile("computing in bfloat16 \\(attr T\\): (\\d+)").matcher(bf16);
    assertTrue(m.find(), bf16);
    assertTrue(Integer.parseInt(m.group(1)) >= 8, bf16);
    assertTrue(bf16.matches("(?s).*\\| _MklNative(Fused)?Conv2D.*"), bf16);
    double a = loss(f32);
    double b = loss(bf16);
    assertEquals(a, b, 0.02 * Math.abs(a), "float32 loss " + a + ", mixed_bfloat16 loss " + b);
  }

  private static String profile(String precision) throws Exception {
    StringWriter text = new StringWriter();
    new CnnProfile(2, 0, 0, precision).run(new PrintWriter(text));
    return text.toString();
  }

  private static double loss(String out) {
    Matcher m = Pattern.compile("loss of the traced step \\(step \\d+\\): ([0-9.]+)").matcher(out);
    assertTrue(m.find(), out);
    return Double.parseDouble(m.group(1));
  }
}
