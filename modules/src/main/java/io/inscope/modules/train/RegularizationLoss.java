package io.inscope.modules.train;

import io.inscope.modules.metrics.Metric;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The metric {@code regularization_loss}: the layers' weight penalties, which the training loss
 * includes (as Keras' does). Reported per example like every metric, so its sum over a batch is
 * the penalty times the batch size. The penalty depends on the weights, not on labels or outputs:
 * the step computes it once per replica and passes it to {@link #penaltySum}.
 */
final class RegularizationLoss implements Metric {
  static final String NAME = "regularization_loss";

  @Override
  public String name() {
    return NAME;
  }

  /** The penalty summed over a batch of {@code labels}. */
  static Operand<TFloat32> penaltySum(Ops tf, Operand<TFloat32> penalty, Operand<TFloat32> labels) {
    Operand<TFloat32> examples = tf.dtypes.cast(tf.gather(tf.shape(labels), tf.constant(0), tf.constant(0)), TFloat32.class);
    return tf.math.mul(penalty, examples);
  }

  /** Not computable from labels and outputs: the step calls {@link #penaltySum}. */
  @Override
  public Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    throw new UnsupportedOperationException(NAME + " is computed from the model's weights by the step");
  }
}
