package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.doubles;
import static io.inscope.modules.layers.Numerics.dot;
import static io.inscope.modules.layers.Numerics.gradient;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.layers.BatchNormalizationSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class BatchNormalizationTest {
  private static final double MOMENTUM = 0.9;
  private static final double EPSILON = 1e-3;
  private static final BatchNormalizationSpec SPEC =
      new BatchNormalizationSpec(MOMENTUM, EPSILON, true, true);
  private static final int C = 3;

  /** Per-channel {mean, biased variance} of rows of {@link #C} values. */
  static double[][] statistics(double[] x) {
    int rows = x.length / C;
    double[][] s = new double[2][C];
    for (int c = 0; c < C; c++) {
      for (int r = 0; r < rows; r++) {
        s[0][c] += x[r * C + c] / rows;
      }
      for (int r = 0; r < rows; r++) {
        s[1][c] += Math.pow(x[r * C + c] - s[0][c], 2) / rows;
      }
    }
    return s;
  }

  static double[] normalize(double[] x, double[] mean, double[] variance, double[] gamma, double[] beta) {
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % C;
      y[i] = (x[i] - mean[c]) / Math.sqrt(variance[c] + EPSILON) * gamma[c] + beta[c];
    }
    return y;
  }

  static double[] training(double[] x, double[] gamma, double[] beta) {
    double[][] s = statistics(x);
    return normalize(x, s[0], s[1], gamma, beta);
  }

  @Test
  void trainingNormalizesWithBatchStatistics() {
    Random random = new Random(12);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(C), 8)) {
      LayerHarness.Call call = h.call(true);
      double[] gamma = doubles(uniform(random, C, 0.5, 2));
      double[] beta = doubles(uniform(random, C, -1, 1));
      h.assign("batch_normalization.gamma", toFloats(gamma));
      h.assign("batch_normalization.beta", toFloats(beta));
      float[] x = uniform(random, 8 * C, -2, 3);
      float[] w = uniform(random, 8 * C, -1, 1);
      assertClose("output", training(doubles(x), gamma, beta), h.forward(call, x), 1e-5, 1e-5);

      Map<String, float[]> grads = h.gradients(call, x, w, 0);
      assertClose("d/dinput", gradient(v -> dot(training(v, gamma, beta), w), doubles(x), 1e-6),
          grads.get("input"), 2e-4, 2e-3);
      assertClose("d/dgamma", gradient(v -> dot(training(doubles(x), v, beta), w), gamma, 1e-6),
          grads.get("batch_normalization.gamma"), 2e-4, 2e-3);
      assertClose("d/dbeta", gradient(v -> dot(training(doubles(x), gamma, v), w), beta, 1e-6),
          grads.get("batch_normalization.beta"), 2e-4, 2e-3);
    }
  }

  @Test
  void reducesOverEveryAxisButTheLast() {
    Random random = new Random(13);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(2, 2, C), 3)) {
      float[] x = uniform(random, 3 * 4 * C, -2, 3);
      double[] ones = {1, 1, 1};
      double[] zeros = {0, 0, 0};
      assertClose("output", training(doubles(x), ones, zeros), h.forward(h.call(true), x), 1e-5, 1e-5);
    }
  }

  @Test
  void eachUpdateMovesTheAveragesByOneMinusMomentum() {
    Random random = new Random(14);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(C), 8)) {
      LayerHarness.Call call = h.call(true);
      double[] mean = {0, 0, 0};
      double[] variance = {1, 1, 1};
      for (int step = 0; step < 2; step++) {
        float[] x = uniform(random, 8 * C, -2, 3);
        h.runUpdates(Map.of(call, x), step);
        double[][] s = statistics(doubles(x));
        for (int c = 0; c < C; c++) {
          mean[c] = mean[c] * MOMENTUM + s[0][c] * (1 - MOMENTUM);
          variance[c] = variance[c] * MOMENTUM + s[1][c] * (1 - MOMENTUM);
        }
        assertClose("moving_mean", mean, h.value("batch_normalization.moving_mean"), 1e-6, 1e-5);
        assertClose("moving_variance", variance, h.value("batch_normalization.moving_variance"), 1e-6, 1e-5);
      }
    }
  }

  @Test
  void inferenceUsesTheMovingStatistics() {
    Random random = new Random(15);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(C), 8)) {
      LayerHarness.Call call = h.call(false);
      double[] mean = doubles(uniform(random, C, -1, 1));
      double[] variance = doubles(uniform(random, C, 0.5, 2));
      double[] gamma = doubles(uniform(random, C, 0.5, 2));
      double[] beta = doubles(uniform(random, C, -1, 1));
      h.assign("batch_normalization.moving_mean", toFloats(mean));
      h.assign("batch_normalization.moving_variance", toFloats(variance));
      h.assign("batch_normalization.gamma", toFloats(gamma));
      h.assign("batch_normalization.beta", toFloats(beta));
      float[] x = uniform(random, 8 * C, -2, 3);
      float[] w = uniform(random, 8 * C, -1, 1);
      assertClose("output", normalize(doubles(x), mean, variance, gamma, beta), h.forward(call, x), 1e-5, 1e-5);
      assertClose("d/dinput",
          gradient(v -> dot(normalize(v, mean, variance, gamma, beta), w), doubles(x), 1e-6),
          h.gradients(call, x, w, 0).get("input"), 1e-4, 1e-3);
      assertEquals(0, h.updates.size());
    }
  }

  /**
   * Keras 3's BatchNormalization.call normalizes with the batch's statistics only when {@code
   * training and self.trainable}: a frozen layer in a training step gives the inference formula
   * {@code gamma (x - moving_mean) / sqrt(moving_variance + epsilon) + beta}, adds no moving-average
   * update, and its gamma and beta are not trainable.
   */
  @Test
  void aFrozenLayerUsesAndKeepsTheMovingStatisticsInTraining() {
    Random random = new Random(17);
    io.inscope.configs.layers.LayerNodeSpec frozen =
        new io.inscope.configs.layers.LayerNodeSpec(SPEC, "batch_normalization", List.of("input"), false, null, null);
    try (LayerHarness h = new LayerHarness(frozen, Shape.of(C), 8, new io.inscope.modules.strategy.OneDeviceStrategy("/device:CPU:0"))) {
      LayerHarness.Call call = h.call(true);
      double[] mean = doubles(uniform(random, C, -1, 1));
      double[] variance = doubles(uniform(random, C, 0.5, 2));
      double[] gamma = doubles(uniform(random, C, 0.5, 2));
      double[] beta = doubles(uniform(random, C, -1, 1));
      h.assign("batch_normalization.moving_mean", toFloats(mean));
      h.assign("batch_normalization.moving_variance", toFloats(variance));
      h.assign("batch_normalization.gamma", toFloats(gamma));
      h.assign("batch_normalization.beta", toFloats(beta));
      float[] x = uniform(random, 8 * C, -2, 3);
      assertClose("output", normalize(doubles(x), mean, variance, gamma, beta), h.forward(call, x), 1e-5, 1e-5);
      assertEquals(0, h.updates.size(), "no moving-average update");
      assertClose("moving_mean", mean, h.value("batch_normalization.moving_mean"), 0, 0);
      assertClose("moving_variance", variance, h.value("batch_normalization.moving_variance"), 0, 0);
      assertTrue(h.scope.variables().stream().noneMatch(v -> v.trainable()), "gamma and beta are frozen too");
    }
  }

  @Test
  void withoutCenterAndScaleHasOnlyMovingStatistics() {
    Random random = new Random(16);
    BatchNormalizationSpec plain = new BatchNormalizationSpec(MOMENTUM, EPSILON, false, false);
    try (LayerHarness h = new LayerHarness(plain, Shape.of(C), 8)) {
      assertArrayEquals(
          new String[] {"batch_normalization.moving_mean", "batch_normalization.moving_variance"},
          h.scope.variables().stream().map(MirroredVariable::name).toArray());
      float[] x = uniform(random, 8 * C, -2, 3);
      assertClose("output", training(doubles(x), new double[] {1, 1, 1}, new double[C]),
          h.forward(h.call(true), x), 1e-5, 1e-5);
    }
  }

  @Test
  void unsynchronizedReplicasNormalizeTheirSlicesAndAverageTheirStatistics() {
    Random random = new Random(17);
    BatchNormalizationSpec perReplica = new BatchNormalizationSpec(MOMENTUM, EPSILON, true, true, false);
    try (LayerHarness h = new LayerHarness(perReplica, Shape.of(C), 4, new TwoReplicas())) {
      List<LayerHarness.Call> calls = h.callAll(true);
      float[] x0 = uniform(random, 4 * C, -2, 3);
      float[] x1 = uniform(random, 4 * C, 0, 5);
      List<float[]> out = h.forwardAll(calls, List.of(x0, x1));
      double[] ones = {1, 1, 1};
      double[] zeros = {0, 0, 0};
      assertClose("replica 0", training(doubles(x0), ones, zeros), out.get(0), 1e-5, 1e-5);
      assertClose("replica 1", training(doubles(x1), ones, zeros), out.get(1), 1e-5, 1e-5);
      h.runUpdates(Map.of(calls.get(0), x0, calls.get(1), x1), 0);
      double[][] s0 = statistics(doubles(x0));
      double[][] s1 = statistics(doubles(x1));
      double[] mean = new double[C];
      double[] variance = new double[C];
      for (int c = 0; c < C; c++) {
        mean[c] = (1 - MOMENTUM) * (s0[0][c] + s1[0][c]) / 2;
        variance[c] = MOMENTUM + (1 - MOMENTUM) * (s0[1][c] + s1[1][c]) / 2;
      }
      for (int r = 0; r < 2; r++) {
        assertClose("moving_mean " + r, mean, h.value("batch_normalization.moving_mean", r), 1e-6, 1e-5);
        assertClose("moving_variance " + r, variance,
            h.value("batch_normalization.moving_variance", r), 1e-6, 1e-5);
      }
    }
  }

  /**
   * Synchronized (the default) over two replicas: each replica's output, its gradients and the
   * moving statistics are those of one batch normalization over the two slices together. The
   * gradients are checked against finite differences of that global function: replica r's input
   * gradient is its slice of the global one, and the replicas' gamma and beta gradients add up to
   * the global ones (the step mean-reduces them over the replicas' losses of 1/N weight each).
   */
  @Test
  void synchronizedReplicasNormalizeWithTheGlobalBatchAndDifferentiateThroughIt() {
    Random random = new Random(18);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(C), 4, new TwoReplicas())) {
      List<LayerHarness.Call> calls = h.callAll(true);
      double[] gamma = doubles(uniform(random, C, 0.5, 2));
      double[] beta = doubles(uniform(random, C, -1, 1));
      h.assign("batch_normalization.gamma", toFloats(gamma));
      h.assign("batch_normalization.beta", toFloats(beta));
      // slices with different means and spreads, so per-slice statistics would be far off
      float[] x0 = uniform(random, 4 * C, -2, 3);
      float[] x1 = uniform(random, 4 * C, 0, 5);
      float[] w0 = uniform(random, 4 * C, -1, 1);
      float[] w1 = uniform(random, 4 * C, -1, 1);
      double[] x = doubles(concat(x0, x1));
      float[] w = concat(w0, w1);
      int half = 4 * C;

      double[] y = training(x, gamma, beta);
      List<float[]> out = h.forwardAll(calls, List.of(x0, x1));
      assertClose("replica 0", Arrays.copyOfRange(y, 0, half), out.get(0), 1e-5, 1e-5);
      assertClose("replica 1", Arrays.copyOfRange(y, half, 2 * half), out.get(1), 1e-5, 1e-5);

      double[] dx = gradient(v -> dot(training(v, gamma, beta), w), x, 1e-6);
      double[] dgamma = gradient(v -> dot(training(x, v, beta), w), gamma, 1e-6);
      double[] dbeta = gradient(v -> dot(training(x, gamma, v), w), beta, 1e-6);
      Map<String, float[]> g0 = h.gradientsAll(calls, List.of(x0, x1), List.of(w0, w1), 0);
      Map<String, float[]> g1 = h.gradientsAll(calls, List.of(x0, x1), List.of(w0, w1), 1);
      assertClose("d/dinput replica 0", Arrays.copyOfRange(dx, 0, half), g0.get("input"), 2e-4, 2e-3);
      assertClose("d/dinput replica 1", Arrays.copyOfRange(dx, half, 2 * half), g1.get("input"), 2e-4, 2e-3);
      assertClose("d/dgamma", dgamma, sum(g0.get("batch_normalization.gamma"), g1.get("batch_normalization.gamma")), 2e-4, 2e-3);
      assertClose("d/dbeta", dbeta, sum(g0.get("batch_normalization.beta"), g1.get("batch_normalization.beta")), 2e-4, 2e-3);

      h.runUpdates(Map.of(calls.get(0), x0, calls.get(1), x1), 0);
      double[][] s = statistics(x);
      double[] mean = new double[C];
      double[] variance = new double[C];
      for (int c = 0; c < C; c++) {
        mean[c] = (1 - MOMENTUM) * s[0][c];
        variance[c] = MOMENTUM + (1 - MOMENTUM) * s[1][c];
      }
      for (int r = 0; r < 2; r++) {
        assertClose("moving_mean " + r, mean, h.value("batch_normalization.moving_mean", r), 1e-6, 1e-5);
        assertClose("moving_variance " + r, variance, h.value("batch_normalization.moving_variance", r), 1e-6, 1e-5);
      }
      assertArrayEquals(h.value("batch_normalization.moving_variance", 0), h.value("batch_normalization.moving_variance", 1));
    }
  }

  private static float[] concat(float[] a, float[] b) {
    float[] c = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, c, a.length, b.length);
    return c;
  }

  private static float[] sum(float[] a, float[] b) {
    float[] s = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      s[i] = a[i] + b[i];
    }
    return s;
  }

  private static float[] toFloats(double[] d) {
    float[] f = new float[d.length];
    for (int i = 0; i < d.length; i++) {
      f[i] = (float) d[i];
    }
    return f;
  }
}
