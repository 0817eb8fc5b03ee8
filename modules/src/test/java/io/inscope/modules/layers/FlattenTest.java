package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.layers.FlattenSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class FlattenTest {
  @Test
  void keepsRowMajorOrderAndPassesGradientsBack() {
    Random random = new Random(3);
    try (LayerHarness h = new LayerHarness(new FlattenSpec(), Shape.of(2, 3, 2), 2)) {
      assertEquals(Shape.of(12), h.outputExample);
      LayerHarness.Call call = h.call(true);
      assertEquals(Shape.of(2, 12), call.output().shape());
      float[] x = uniform(random, 24, -1, 1);
      float[] w = uniform(random, 24, -1, 1);
      assertArrayEquals(x, h.forward(call, x));
      assertArrayEquals(w, h.gradients(call, x, w, 0).get("input"));
    }
  }
}
