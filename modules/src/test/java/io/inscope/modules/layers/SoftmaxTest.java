package io.inscope.modules.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.layers.SoftmaxSpec;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** The axis check of softmax; its values against Keras are in {@link KerasParityTest}. */
class SoftmaxTest {
  @Test
  void anAxisOutsideTheBatchFailsAtBuild() {
    LayerShapeException e = assertThrows(LayerShapeException.class,
        () -> new LayerHarness(new SoftmaxSpec(3), Shape.of(4, 5), 1).close());
    assertEquals("softmax: axis 3 is not an axis of examples [4, 5] (batch included, the axes are 1..2 or -1..-2)",
        e.getMessage());
  }
}
