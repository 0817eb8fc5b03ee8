package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.layers.DropoutSpec;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class DropoutTest {
  private static final double RATE = 0.3;
  private static final float SCALE = (float) (1 / (1 - RATE));
  private static final DropoutSpec SPEC = new DropoutSpec(RATE);
  private static final Shape EXAMPLE = Shape.of(100);
  private static final int BATCH = 1000;

  private static float[] ones() {
    float[] x = new float[BATCH * 100];
    Arrays.fill(x, 1f);
    return x;
  }

  private static double fractionDiffering(float[] a, float[] b) {
    int n = 0;
    for (int i = 0; i < a.length; i++) {
      n += a[i] != b[i] ? 1 : 0;
    }
    return (double) n / a.length;
  }

  @Test
  void dropsAboutRateAndScalesTheRestByOneOverOneMinusRate() {
    try (LayerHarness h = new LayerHarness(SPEC, EXAMPLE, BATCH)) {
      float[] y = h.forward(h.call(true), ones(), 3);
      int dropped = 0;
      for (float v : y) {
        if (v == 0) {
          dropped++;
        } else {
          assertEquals(SCALE, v, 1e-6f);
        }
      }
      // 100 000 draws: the standard deviation of the fraction is 0.0014
      assertEquals(RATE, (double) dropped / y.length, 0.01);
    }
  }

  @Test
  void theSameStepDrawsTheSameMaskAndAnotherStepAnother() {
    try (LayerHarness h = new LayerHarness(SPEC, EXAMPLE, BATCH)) {
      LayerHarness.Call call = h.call(true);
      float[] first = h.forward(call, ones(), 5);
      assertArrayEquals(first, h.forward(call, ones(), 5));
      // two independent masks differ where exactly one drops: 2 · rate · (1 - rate)
      assertEquals(2 * RATE * (1 - RATE), fractionDiffering(first, h.forward(call, ones(), 6)), 0.02);
    }
  }

  @Test
  void aRebuiltGraphDrawsTheSameMasksAsAResumedRunMust() {
    float[] before;
    try (LayerHarness h = new LayerHarness(SPEC, EXAMPLE, BATCH)) {
      before = h.forward(h.call(true), ones(), 7);
    }
    try (LayerHarness h = new LayerHarness(SPEC, EXAMPLE, BATCH)) {
      assertArrayEquals(before, h.forward(h.call(true), ones(), 7));
    }
  }

  @Test
  void replicasDrawDifferentMasks() {
    try (LayerHarness h = new LayerHarness(SPEC, EXAMPLE, BATCH, new TwoReplicas())) {
      float[] first = h.forward(h.call(0, true, true), ones(), 9);
      float[] second = h.forward(h.call(1, true, true), ones(), 9);
      assertEquals(2 * RATE * (1 - RATE), fractionDiffering(first, second), 0.02);
    }
  }

  @Test
  void isTheIdentityOutsideTraining() {
    try (LayerHarness h = new LayerHarness(SPEC, EXAMPLE, 4)) {
      LayerHarness.Call call = h.call(false);
      assertSame(call.input(), call.output());
      float[] x = uniform(new Random(9), 400, -1, 1);
      assertArrayEquals(x, h.forward(call, x));
    }
  }

  @Test
  void passesGradientsThroughTheKeptInputsOnly() {
    Random random = new Random(10);
    try (LayerHarness h = new LayerHarness(SPEC, Shape.of(10), 20)) {
      LayerHarness.Call call = h.call(true);
      float[] x = uniform(random, 200, 0.5, 1.5);
      float[] w = uniform(random, 200, -1, 1);
      float[] y = h.forward(call, x, 11);
      double[] expectedOutput = new double[200];
      double[] expectedGradient = new double[200];
      int dropped = 0;
      for (int i = 0; i < 200; i++) {
        boolean kept = y[i] != 0;
        dropped += kept ? 0 : 1;
        expectedOutput[i] = kept ? x[i] * SCALE : 0;
        expectedGradient[i] = kept ? w[i] * SCALE : 0;
      }
      assertTrue(dropped > 20 && dropped < 100, dropped + " of 200 dropped");
      assertClose("output", expectedOutput, y, 1e-6, 1e-6);
      assertClose("d/dinput", expectedGradient, h.gradients(call, x, w, 11).get("input"), 1e-6, 1e-6);
    }
  }
}
