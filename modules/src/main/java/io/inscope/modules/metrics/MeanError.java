package io.inscope.modules.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' MeanAbsoluteError and MeanSquaredError metrics: each example's mean over its output
 * elements of {@code |y − o|} or {@code (y − o)²}, summed over the batch (the runner divides by the
 * examples). Labels are reshaped to the outputs' shape.
 */
public final class MeanError implements Metric {
  private final boolean squared;

  public MeanError(boolean squared) {
    this.squared = squared;
  }

  @Override
  public String name() {
    return squared ? "mean_squared_error" : "mean_absolute_error";
  }

  @Override
  public Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    Operand<TFloat32> diff = tf.math.sub(tf.reshape(labels, tf.shape(outputs)), outputs);
    Operand<TFloat32> err = squared ? tf.math.square(diff) : tf.math.abs(diff);
    int rank = outputs.shape().numDimensions();
    Operand<TFloat32> perExample = rank == 1 ? err : tf.reshape(
        tf.math.mean(err, tf.constant(range(1, rank))), tf.constant(new long[] {-1}));
    return tf.reduceSum(perExample, tf.constant(0));
  }

  private static int[] range(int from, int to) {
    int[] r = new int[to - from];
    for (int i = from; i < to; i++) {
      r[i - from] = i;
    }
    return r;
  }
}
