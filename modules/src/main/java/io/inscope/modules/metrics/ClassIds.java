package io.inscope.modules.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Squeeze;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** The true class of each example, from labels fed either as class ids or as one-hot rows. */
final class ClassIds {
  private ClassIds() {}

  /**
   * Labels are class ids when they have one rank less than the outputs, or, as Keras decides, a
   * last dimension of 1 against several output units (a TFRecord label of shape {@code [1]}):
   * arg-max over such a column would call every example class 0.
   *
   * @return int64 ids shaped like {@code outputs} without its last dimension
   */
  static Operand<TInt64> of(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    int rank = outputs.shape().numDimensions();
    int labelRank = labels.shape().numDimensions();
    if (labelRank < rank) {
      return tf.dtypes.cast(labels, TInt64.class);
    }
    if (labels.shape().size(labelRank - 1) == 1) {
      return tf.dtypes.cast(tf.squeeze(labels, Squeeze.axis(-1L)), TInt64.class);
    }
    return tf.math.argMax(labels, tf.constant(rank - 1));
  }
}
