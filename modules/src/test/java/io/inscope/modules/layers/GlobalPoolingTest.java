package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.layers.GlobalAveragePooling1DSpec;
import io.inscope.configs.layers.GlobalMaxPooling2DSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** Shapes of the global poolings; their values against Keras are in {@link KerasParityTest}. */
class GlobalPoolingTest {
  @Test
  void aTwoDimensionalPoolingTakesImagesWithoutAChannelAxisAsOneChannel() {
    try (LayerHarness h = new LayerHarness(new GlobalMaxPooling2DSpec(false), Shape.of(2, 3), 1)) {
      assertEquals(Shape.of(1), h.outputExample);
      assertClose("output", new float[] {6}, h.forward(h.call(false), new float[] {1, 5, 2, 6, 3, 4}), 0, 0);
    }
  }

  @Test
  void examplesOfTheWrongRankFailAtBuild() {
    LayerShapeException e = assertThrows(LayerShapeException.class,
        () -> new LayerHarness(new GlobalAveragePooling1DSpec(false), Shape.of(2, 3, 4), 1).close());
    assertEquals("global_average_pooling1d: expects examples [steps, channels], got [2, 3, 4]"
        + " (add a reshape layer before it)", e.getMessage());
  }
}
