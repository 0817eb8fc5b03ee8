package io.inscope.modules.metrics;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Correct predictions, as Keras' {@code accuracy} picks it: arg-max against class ids (or against
 * the arg-max of one-hot labels, see {@link ClassIds}); for a single output unit, the prediction
 * thresholded at 0.5 against labels thresholded at 0.5. For logits ({@code binary_crossentropy} with
 * {@code from_logits}) the threshold is 0, where the sigmoid crosses 0.5: Keras would compare the
 * logits with 0.5 and miscount every logit in (0, 0.5].
 */
public final class Accuracy implements Metric {
  private final float threshold;

  public Accuracy(LossSpec loss) {
    this.threshold = loss instanceof BinaryCrossentropySpec b && b.fromLogits() ? 0f : 0.5f;
  }

  @Override
  public String name() {
    return "accuracy";
  }

  @Override
  public Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    int rank = outputs.shape().numDimensions();
    long units = outputs.shape().size(rank - 1);
    Operand<TFloat32> correct;
    if (units == 1) {
      Operand<TFloat32> pred = tf.dtypes.cast(tf.math.greater(outputs, tf.constant(threshold)), TFloat32.class);
      Operand<TFloat32> truth =
          tf.dtypes.cast(tf.math.greater(tf.reshape(labels, tf.shape(outputs)), tf.constant(0.5f)), TFloat32.class);
      correct = tf.dtypes.cast(tf.math.equal(pred, truth), TFloat32.class);
    } else {
      Operand<TInt64> pred = tf.math.argMax(outputs, tf.constant(rank - 1));
      Operand<TInt64> truth = ClassIds.of(tf, labels, outputs);
      correct = tf.dtypes.cast(tf.math.equal(pred, truth), TFloat32.class);
    }
    return tf.reduceSum(correct, tf.constant(allAxes(correct.shape().numDimensions())));
  }

  static int[] allAxes(int rank) {
    int[] axes = new int[rank];
    for (int i = 0; i < rank; i++) {
      axes[i] = i;
    }
    return axes;
  }
}
