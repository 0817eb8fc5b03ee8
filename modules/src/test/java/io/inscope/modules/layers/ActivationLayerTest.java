package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.doubles;
import static io.inscope.modules.layers.Numerics.dot;
import static io.inscope.modules.layers.Numerics.gradient;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.Activation;
import io.inscope.configs.layers.ActivationLayerSpec;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.tensorflow.ndarray.Shape;

class ActivationLayerTest {
  private static final int ROWS = 4;
  private static final int COLS = 6;
  private static final double SELU_ALPHA = 1.6732632423543772;
  private static final double SELU_SCALE = 1.0507009873554805;

  /** The Keras definition of each activation, on rows of {@link #COLS} values. */
  static double[] reference(Activation a, double[] x) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      double v = x[i];
      y[i] = switch (a) {
        case ELU -> v > 0 ? v : Math.exp(v) - 1;
        case GELU -> 0.5 * v * (1 + erf(v / Math.sqrt(2)));
        case HARD_SIGMOID -> Math.min(Math.max(v / 6 + 0.5, 0), 1);
        case LEAKY_RELU -> v > 0 ? v : 0.2 * v;
        case LINEAR -> v;
        case RELU -> Math.max(v, 0);
        case RELU6 -> Math.min(Math.max(v, 0), 6);
        case SELU -> SELU_SCALE * (v > 0 ? v : SELU_ALPHA * (Math.exp(v) - 1));
        case SIGMOID -> 1 / (1 + Math.exp(-v));
        case SOFTMAX -> Math.exp(v);
        case SOFTPLUS -> Math.log1p(Math.exp(v));
        case SWISH -> v / (1 + Math.exp(-v));
        case TANH -> Math.tanh(v);
      };
    }
    if (a == Activation.SOFTMAX) {
      for (int r = 0; r < x.length / COLS; r++) {
        double sum = 0;
        for (int c = 0; c < COLS; c++) {
          sum += y[r * COLS + c];
        }
        for (int c = 0; c < COLS; c++) {
          y[r * COLS + c] /= sum;
        }
      }
    }
    return y;
  }

  /** erf by its Taylor series, exact to about 1e-13 for |x| up to 2.5. */
  static double erf(double x) {
    double term = x;
    double sum = x;
    for (int n = 1; n < 80; n++) {
      term *= -x * x / n;
      sum += term / (2 * n + 1);
    }
    return 2 / Math.sqrt(Math.PI) * sum;
  }

  @ParameterizedTest
  @EnumSource(Activation.class)
  void matchesTheKerasFormulaAndItsDerivative(Activation activation) {
    Random random = new Random(4 + activation.ordinal());
    try (LayerHarness h = new LayerHarness(new ActivationLayerSpec(activation), Shape.of(COLS), ROWS)) {
      assertEquals(Shape.of(COLS), h.outputExample);
      LayerHarness.Call call = h.call(true);
      float[] x = uniform(random, ROWS * COLS, -3, 3);
      float[] w = uniform(random, ROWS * COLS, -1, 1);
      assertClose(activation + " output", reference(activation, doubles(x)), h.forward(call, x), 1e-6, 1e-5);
      double[] expected = gradient(v -> dot(reference(activation, v), w), doubles(x), 1e-6);
      assertClose(activation + " gradient", expected, h.gradients(call, x, w, 0).get("input"), 1e-4, 1e-3);
    }
  }
}
