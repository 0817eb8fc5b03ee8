package io.inscope.modules.losses;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.MeanSquaredErrorSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class LabelsTest {
  private static final float[] IDS = {2, 0, 1};
  private static final float[] ONE_HOT = {0, 0, 1, 1, 0, 0, 0, 1, 0};

  @Test
  void sparseIdsBecomeOneHotRows() {
    LossSpec sparse = new SparseCategoricalCrossentropySpec(true);
    assertArrayEquals(ONE_HOT, adapt(sparse, IDS, Shape.scalar(), Shape.of(3)));
    assertArrayEquals(ONE_HOT, adapt(sparse, IDS, Shape.of(1), Shape.of(3)));
  }

  @Test
  void categoricalTakesIdsOrRows() {
    LossSpec categorical = new CategoricalCrossentropySpec(false, 0.0);
    assertArrayEquals(ONE_HOT, adapt(categorical, IDS, Shape.scalar(), Shape.of(3)));
    assertArrayEquals(ONE_HOT, adapt(categorical, ONE_HOT, Shape.of(3), Shape.of(3)));
  }

  @Test
  void targetsTakeTheOutputsShape() {
    float[] bits = {1, 0, 1};
    assertArrayEquals(bits, adapt(new BinaryCrossentropySpec(true, 0.0), bits, Shape.scalar(), Shape.of(1)));
    float[] targets = {0.5f, -1, 2, 3, 4, 5};
    assertArrayEquals(targets, adapt(new MeanSquaredErrorSpec(), targets, Shape.of(2), Shape.of(2)));
  }

  @Test
  void labelsThatCannotFitAreRejectedWithBothShapes() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(3, 2)));
      IllegalArgumentException sparse =
          assertThrows(IllegalArgumentException.class, () -> Labels.adapt(
              tf, new SparseCategoricalCrossentropySpec(true), y, Shape.of(2), Shape.of(3)));
      assertEquals(
          "sparse_categorical_crossentropy needs one class id per example and outputs [classes]; "
              + "got labels [2] and outputs [3]", sparse.getMessage());
      IllegalArgumentException mse =
          assertThrows(IllegalArgumentException.class, () -> Labels.adapt(
              tf, new MeanSquaredErrorSpec(), y, Shape.of(2), Shape.of(3)));
      assertEquals(
          "labels of shape [2] do not fit outputs of shape [3] for this loss; "
              + "change the last layer's units or the loss", mse.getMessage());
    }
  }

  private static float[] adapt(LossSpec loss, float[] labels, Shape labelShape, Shape outputShape) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Shape fed = Shape.of(3).append(labelShape);
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(fed));
      Operand<TFloat32> adapted = Labels.adapt(tf, loss, y, labelShape, outputShape);
      assertEquals(Shape.of(3).append(outputShape).numDimensions(), adapted.shape().numDimensions());
      try (Session s = new Session(g)) {
        return GraphRuns.run(s, Map.of(y, labels), List.of(adapted)).get(0);
      }
    }
  }
}
