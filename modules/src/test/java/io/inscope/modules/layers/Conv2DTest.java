package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.doubles;
import static io.inscope.modules.layers.Numerics.dot;
import static io.inscope.modules.layers.Numerics.gradient;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.Activation;
import io.inscope.configs.Padding;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.RandomNormalSpec;
import io.inscope.configs.layers.Conv2DSpec;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class Conv2DTest {
  private static final int FILTERS = 3;

  private static Conv2DSpec spec(int kh, int kw, int sh, int sw, Padding padding) {
    return new Conv2DSpec(FILTERS, List.of(kh, kw), List.of(sh, sw), padding, Activation.LINEAR, true,
        new GlorotUniformSpec(), new RandomNormalSpec(0, 0.5));
  }

  @ParameterizedTest(name = "{0}x{1} image, {2} channels, kernel {3}x{4}, stride {5}x{6}, {7}")
  @CsvSource({
    "5, 5, 2, 3, 3, 2, 2, SAME",
    "5, 5, 2, 3, 3, 2, 2, VALID",
    "6, 7, 2, 2, 3, 1, 2, SAME",
    "6, 7, 1, 3, 2, 2, 1, VALID",
  })
  void matchesNestedLoopsAndFiniteDifferences(
      int h, int w, int c, int kh, int kw, int sh, int sw, Padding padding) {
    Random random = new Random(7);
    int batch = 2;
    NhwcReference ref = new NhwcReference(batch, h, w, c, kh, kw, sh, sw, padding == Padding.SAME);
    Shape example = c == 1 ? Shape.of(h, w) : Shape.of(h, w, c);
    try (LayerHarness harness = new LayerHarness(spec(kh, kw, sh, sw, padding), example, batch)) {
      assertEquals(Shape.of(ref.outHeight(), ref.outWidth(), FILTERS), harness.outputExample);
      LayerHarness.Call call = harness.call(true);
      float[] x = uniform(random, batch * h * w * c, -1, 1);
      float[] weights = uniform(random, batch * ref.outHeight() * ref.outWidth() * FILTERS, -1, 1);
      double[] kernel = doubles(harness.value("conv2d.kernel"));
      double[] bias = doubles(harness.value("conv2d.bias"));
      double[] expected = ref.conv2d(doubles(x), kernel, bias, FILTERS);
      assertClose("output", expected, harness.forward(call, x), 1e-5, 1e-5);

      Map<String, float[]> grads = harness.gradients(call, x, weights, 0);
      assertClose("d/dinput",
          gradient(v -> dot(ref.conv2d(v, kernel, bias, FILTERS), weights), doubles(x), 1e-6),
          grads.get("input"), 1e-4, 1e-3);
      assertClose("d/dkernel",
          gradient(v -> dot(ref.conv2d(doubles(x), v, bias, FILTERS), weights), kernel, 1e-6),
          grads.get("conv2d.kernel"), 1e-4, 1e-3);
      assertClose("d/dbias",
          gradient(v -> dot(ref.conv2d(doubles(x), kernel, v, FILTERS), weights), bias, 1e-6),
          grads.get("conv2d.bias"), 1e-4, 1e-3);
    }
  }

  @Test
  void aKernelLargerThanTheImageWithValidPaddingFailsAtBuild() {
    LayerShapeException e =
        assertThrows(LayerShapeException.class,
            () -> new LayerHarness(spec(5, 5, 1, 1, Padding.VALID), Shape.of(3, 8, 1), 1).close());
    assertEquals(
        "conv2d: kernel_size 5 is larger than the input's 3 with padding valid"
            + " (use padding: same or a smaller kernel_size)",
        e.getMessage());
  }

  @Test
  void examplesOfRankOtherThanTwoOrThreeFailAtBuild() {
    LayerShapeException e =
        assertThrows(LayerShapeException.class,
            () -> new LayerHarness(spec(3, 3, 1, 1, Padding.SAME), Shape.of(64), 1).close());
    assertEquals(
        "conv2d: expects examples [height, width] or [height, width, channels], got [64]"
            + " (add a reshape layer before it)",
        e.getMessage());
  }
}
