package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.layers.ReshapeSpec;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class ReshapeTest {
  @Test
  void infersTheMinusOneAndKeepsRowMajorOrder() {
    Random random = new Random(5);
    try (LayerHarness h = new LayerHarness(new ReshapeSpec(List.of(3, -1)), Shape.of(2, 6), 2)) {
      assertEquals(Shape.of(3, 4), h.outputExample);
      LayerHarness.Call call = h.call(true);
      assertEquals(Shape.of(2, 3, 4), call.output().shape());
      float[] x = uniform(random, 24, -1, 1);
      float[] w = uniform(random, 24, -1, 1);
      assertArrayEquals(x, h.forward(call, x));
      assertArrayEquals(w, h.gradients(call, x, w, 0).get("input"));
    }
  }

  @Test
  void aTargetWithAnotherElementCountFailsAtBuild() {
    LayerShapeException e =
        assertThrows(LayerShapeException.class,
            () -> new LayerHarness(new ReshapeSpec(List.of(3, 5)), Shape.of(4, 4), 1).close());
    assertEquals(
        "reshape: target_shape [3, 5] has 15 elements, the input [4, 4] has 16"
            + " (use -1 for the dimension to infer)",
        e.getMessage());
  }

  @Test
  void aMinusOneThatCannotDivideFailsAtBuild() {
    LayerShapeException e =
        assertThrows(LayerShapeException.class,
            () -> new LayerHarness(new ReshapeSpec(List.of(-1, 3)), Shape.of(4, 4), 1).close());
    assertEquals(
        "reshape: target_shape [-1, 3] cannot hold the 16 elements of the input [4, 4]"
            + " (16 is not a multiple of 3)",
        e.getMessage());
  }
}
