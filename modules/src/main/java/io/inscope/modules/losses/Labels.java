package io.inscope.modules.losses;

import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Fits labels as the data gives them (class ids, or targets) to what a loss expects: one-hot rows
 * for both cross-entropies over classes, the outputs' shape otherwise. Sparse cross-entropy goes
 * through one-hot rows because TensorFlow's C++ gradient registry, which graph-mode gradients use,
 * has no gradient for {@code SparseSoftmaxCrossEntropyWithLogits}.
 */
public final class Labels {
  private Labels() {}

  /**
   * @param labelShape the shape of one example's label
   * @param outputShape the shape of one example's output
   * @throws IllegalArgumentException when the label cannot fit the output, naming both shapes
   */
  public static Operand<TFloat32> adapt(
      Ops tf, LossSpec loss, Operand<TFloat32> labels, Shape labelShape, Shape outputShape) {
    long units = outputShape.size(outputShape.numDimensions() - 1);
    boolean sparse = loss instanceof SparseCategoricalCrossentropySpec;
    if (sparse && (labelShape.size() != 1 || outputShape.numDimensions() != 1)) {
      throw new IllegalArgumentException(
          "sparse_categorical_crossentropy needs one class id per example and outputs [classes]; got labels "
              + labelShape + " and outputs " + outputShape);
    }
    if (sparse || (loss instanceof CategoricalCrossentropySpec && labelShape.size() == 1 && units > 1)) {
      Operand<TInt32> ids = tf.dtypes.cast(tf.reshape(labels, tf.constant(new long[] {-1})), TInt32.class);
      return tf.oneHot(ids, tf.constant((int) units), tf.constant(1f), tf.constant(0f));
    }
    if (labelShape.size() != outputShape.size()) {
      throw new IllegalArgumentException(
          "labels of shape " + labelShape + " do not fit outputs of shape " + outputShape
              + " for this loss; change the last layer's units or the loss");
    }
    long[] full = new long[outputShape.numDimensions() + 1];
    full[0] = -1;
    System.arraycopy(outputShape.asArray(), 0, full, 1, outputShape.numDimensions());
    return tf.reshape(labels, tf.constant(full));
  }
}
