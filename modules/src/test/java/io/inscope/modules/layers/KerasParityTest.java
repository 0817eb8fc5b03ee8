package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.modules.strategy.MirroredVariable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.ndarray.Shape;

/**
 * Every layer kind against Keras (TensorFlow 2.21, Keras 3): the YAML of the layer entry is read by
 * the job loader, Keras' weights are assigned by name, and the output must equal Keras' within
 * 1e-5 relative (plus 1e-6 absolute, for values near 0). The weights must be exactly Keras' (names
 * and shapes), so a checkpoint maps onto the Keras model. Gradients of {@code sum(output · w)} with
 * respect to the input and every trainable weight must match central finite differences of the
 * layer's own forward pass (float32: step 3e-3, tolerance 2e-3 absolute plus 2e-2 relative), at
 * up to {@value #PROBES} elements of each (chosen by a fixed seed) to keep the test fast.
 */
class KerasParityTest {
  private static final String[] KINDS = {
    "activation", "average_pool1d", "bidirectional", "conv1d", "conv2d", "conv2d_transpose", "cropping2d", "depthwise_conv2d",
    "global_average_pooling1d", "global_average_pooling2d", "global_max_pooling1d",
    "global_max_pooling2d", "gru", "layer_normalization", "leaky_relu", "lstm", "max_pool1d",
    "multi_head_attention", "permute", "position_embedding", "separable_conv2d", "softmax", "spatial_dropout1d",
    "spatial_dropout2d", "up_sampling2d", "zero_padding2d",
  };
  private static final double STEP = 3e-3;
  private static final int PROBES = 12;

  static Stream<KerasCases.Case> cases() {
    return Stream.of(KINDS).flatMap(k -> KerasCases.load(k).cases().stream());
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesKerasAndFiniteDifferences(KerasCases.Case c) {
    try (LayerHarness h = new LayerHarness(c.spec(), c.example(), c.batch())) {
      assertEquals(Shape.of(c.outputShape()).tail(), h.outputExample, "output shape");
      Map<String, long[]> ours = new TreeMap<>();
      for (MirroredVariable<?> v : h.scope.variables()) {
        ours.put(v.name().substring(c.kind().length() + 1), v.shape().asArray());
      }
      assertEquals(new TreeSet<>(c.weightShapes().keySet()), ours.keySet(), "weights (Keras' names)");
      c.weightShapes().forEach((name, shape) -> assertArrayEquals(shape, ours.get(name), name + " shape"));
      c.weights().forEach((name, values) -> h.assign(c.kind() + "." + name, values));

      LayerHarness.Call call = h.call(0, false, c.inputGradient());
      assertClose("output", c.output(), h.forward(call, c.input()), 1e-6, 1e-5);

      float[] w = uniform(new Random(3), c.output().length, -1, 1);
      Map<String, float[]> gradients = h.gradients(call, c.input(), w, 0);
      if (c.inputGradient()) {
        float[] x = c.input().clone();
        int[] at = probes(x.length);
        assertClose("d/dinput", finiteDifferences(x, at, () -> h.forward(call, x), w),
            pick(gradients.get("input"), at), 2e-3, 2e-2);
      }
      for (MirroredVariable<?> v : h.scope.variables()) {
        if (!v.trainable()) {
          continue;
        }
        float[] values = c.weights().get(v.name().substring(c.kind().length() + 1)).clone();
        int[] at = probes(values.length);
        double[] expected = finiteDifferences(values, at, () -> {
          h.assign(v.name(), values);
          return h.forward(call, c.input());
        }, w);
        h.assign(v.name(), c.weights().get(v.name().substring(c.kind().length() + 1)));
        assertClose("d/d" + v.name(), expected, pick(gradients.get(v.name()), at), 2e-3, 2e-2);
      }
    }
  }

  static Stream<KerasCases.Case> firstCaseOfEachKind() {
    return Stream.of(KINDS).map(k -> KerasCases.load(k).cases().get(0));
  }

  /** A second replica reads its own components of the weights and computes the same output. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("firstCaseOfEachKind")
  void aSecondReplicaComputesKerasOutputToo(KerasCases.Case c) {
    try (LayerHarness h = new LayerHarness(c.spec(), c.example(), c.batch(), new TwoReplicas())) {
      c.weights().forEach((name, values) -> h.assign(c.kind() + "." + name, values));
      LayerHarness.Call call = h.call(1, false, false);
      assertClose("replica 1 output", c.output(), h.forward(call, c.input()), 1e-6, 1e-5);
    }
  }

  /** Up to {@link #PROBES} distinct indices below {@code n}, the same on every run. */
  private static int[] probes(int n) {
    List<Integer> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      all.add(i);
    }
    Collections.shuffle(all, new Random(n));
    return all.stream().limit(PROBES).mapToInt(Integer::intValue).sorted().toArray();
  }

  private static float[] pick(float[] values, int[] at) {
    float[] picked = new float[at.length];
    for (int k = 0; k < at.length; k++) {
      picked[k] = values[at[k]];
    }
    return picked;
  }

  /** Central differences of {@code sum(forward() · w)} with respect to {@code x[at[k]]}, changed in place. */
  private static double[] finiteDifferences(float[] x, int[] at, Supplier<float[]> forward, float[] w) {
    double[] g = new double[at.length];
    for (int k = 0; k < at.length; k++) {
      int i = at[k];
      float original = x[i];
      x[i] = (float) (original + STEP);
      double up = Numerics.dot(Numerics.doubles(forward.get()), w);
      x[i] = (float) (original - STEP);
      double down = Numerics.dot(Numerics.doubles(forward.get()), w);
      x[i] = original;
      g[k] = (up - down) / (2 * STEP);
    }
    return g;
  }
}
