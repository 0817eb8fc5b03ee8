package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.MultiHeadAttentionSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Attention dropout in training: a mask per step (the same step, the same output), none in
 * evaluation. The values against Keras are in {@link KerasParityTest}.
 */
class MultiHeadAttentionTest {
  @Test
  void dropsAttentionWeightsOnlyInTrainingWithAMaskPerStep() {
    MultiHeadAttentionSpec spec = new MultiHeadAttentionSpec(
        2, 3, null, 0.5, true, null, false, new GlorotUniformSpec(), new ZerosSpec());
    try (LayerHarness h = new LayerHarness(spec, Shape.of(4, 5), 2)) {
      assertEquals(Shape.of(4, 5), h.outputExample);
      float[] x = uniform(new Random(1), 2 * 4 * 5, -1, 1);
      LayerHarness.Call training = h.call(true);
      LayerHarness.Call evaluation = h.call(false);
      float[] step1 = h.forward(training, x, 1);
      assertArrayEquals(step1, h.forward(training, x, 1), "the same step draws the same mask");
      assertFalse(Arrays.equals(step1, h.forward(training, x, 2)), "another step draws another mask");
      assertFalse(Arrays.equals(step1, h.forward(evaluation, x, 1)), "training drops, evaluation does not");
      assertArrayEquals(h.forward(evaluation, x, 1), h.forward(evaluation, x, 2), "evaluation is deterministic");
    }
  }
}
