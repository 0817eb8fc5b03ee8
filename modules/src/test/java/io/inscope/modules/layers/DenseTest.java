package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.doubles;
import static io.inscope.modules.layers.Numerics.dot;
import static io.inscope.modules.layers.Numerics.gradient;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.Activation;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.RandomNormalSpec;
import io.inscope.configs.layers.DenseSpec;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class DenseTest {
  private static final DenseSpec SPEC =
      new DenseSpec(3, Activation.TANH, true, new GlorotUniformSpec(), new RandomNormalSpec(0, 0.5));

  /** tanh(x · kernel + bias) over the last axis of rows of {@code in} values. */
  static double[] reference(double[] x, double[] kernel, double[] bias, int in, int units) {
    int rows = x.length / in;
    double[] y = new double[rows * units];
    for (int r = 0; r < rows; r++) {
      for (int u = 0; u < units; u++) {
        double s = bias[u];
        for (int i = 0; i < in; i++) {
          s += x[r * in + i] * kernel[i * units + u];
        }
        y[r * units + u] = Math.tanh(s);
      }
    }
    return y;
  }

  @Test
  void matchesReferenceAndFiniteDifferences() {
    Random random = new Random(1);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(4), 5)) {
      assertEquals(Shape.of(3), h.outputExample);
      LayerHarness.Call call = h.call(true);
      float[] x = uniform(random, 20, -1, 1);
      float[] w = uniform(random, 15, -1, 1);
      double[] kernel = doubles(h.value("dense.kernel"));
      double[] bias = doubles(h.value("dense.bias"));
      assertClose("output", reference(doubles(x), kernel, bias, 4, 3), h.forward(call, x), 1e-5, 1e-5);

      Map<String, float[]> grads = h.gradients(call, x, w, 0);
      assertClose("d/dinput", gradient(v -> dot(reference(v, kernel, bias, 4, 3), w), doubles(x), 1e-5),
          grads.get("input"), 1e-4, 1e-3);
      assertClose("d/dkernel", gradient(v -> dot(reference(doubles(x), v, bias, 4, 3), w), kernel, 1e-5),
          grads.get("dense.kernel"), 1e-4, 1e-3);
      assertClose("d/dbias", gradient(v -> dot(reference(doubles(x), kernel, v, 4, 3), w), bias, 1e-5),
          grads.get("dense.bias"), 1e-4, 1e-3);
    }
  }

  @Test
  void appliesToTheLastAxisOfHigherRankExamples() {
    Random random = new Random(2);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(2, 4), 3)) {
      assertEquals(Shape.of(2, 3), h.outputExample);
      float[] x = uniform(random, 24, -1, 1);
      double[] expected =
          reference(doubles(x), doubles(h.value("dense.kernel")), doubles(h.value("dense.bias")), 4, 3);
      assertClose("output", expected, h.forward(h.call(false), x), 1e-5, 1e-5);
    }
  }
}
