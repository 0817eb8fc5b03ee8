package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.doubles;
import static io.inscope.modules.layers.Numerics.dot;
import static io.inscope.modules.layers.Numerics.gradient;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.Padding;
import io.inscope.configs.layers.AveragePool2DSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.MaxPool2DSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.ndarray.Shape;

/** max_pool2d and average_pool2d against plain loops; strides default to the pool size. */
class Pool2DTest {

  @ParameterizedTest(name = "max={0} {1}x{2}x{3} pool {4}x{5} stride {6}x{7} {8}")
  @CsvSource({
    "true, 5, 5, 2, 2, 2, 0, 0, SAME",
    "true, 5, 5, 2, 2, 2, 0, 0, VALID",
    "true, 6, 7, 1, 3, 2, 2, 1, SAME",
    "true, 7, 6, 3, 3, 3, 2, 2, VALID",
    "false, 5, 5, 2, 2, 2, 0, 0, SAME",
    "false, 5, 5, 2, 2, 2, 0, 0, VALID",
    "false, 6, 7, 1, 3, 2, 2, 1, SAME",
    "false, 7, 6, 3, 3, 3, 2, 2, VALID",
  })
  void matchesNestedLoopsAndFiniteDifferences(
      boolean max, int h, int w, int c, int ph, int pw, int sh, int sw, Padding padding) {
    Random random = new Random(8);
    int batch = 2;
    List<Integer> strides = sh == 0 ? null : List.of(sh, sw);
    LayerSpec spec = max
        ? new MaxPool2DSpec(List.of(ph, pw), strides, padding)
        : new AveragePool2DSpec(List.of(ph, pw), strides, padding);
    NhwcReference ref = new NhwcReference(batch, h, w, c, ph, pw,
        sh == 0 ? ph : sh, sw == 0 ? pw : sw, padding == Padding.SAME);
    Shape example = c == 1 ? Shape.of(h, w) : Shape.of(h, w, c);
    try (LayerHarness harness = new LayerHarness(spec, example, batch)) {
      assertEquals(Shape.of(ref.outHeight(), ref.outWidth(), c), harness.outputExample);
      LayerHarness.Call call = harness.call(true);
      float[] x = uniform(random, batch * h * w * c, -1, 1);
      float[] weights = uniform(random, batch * ref.outHeight() * ref.outWidth() * c, -1, 1);
      assertClose("output", ref.pool(doubles(x), max), harness.forward(call, x), 1e-6, 1e-6);
      assertClose("d/dinput", gradient(v -> dot(ref.pool(v, max), weights), doubles(x), 1e-6),
          harness.gradients(call, x, weights, 0).get("input"), 1e-4, 1e-3);
    }
  }
}
