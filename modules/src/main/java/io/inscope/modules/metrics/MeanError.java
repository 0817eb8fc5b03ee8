package io.inscope.modules.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' MeanAbsoluteError, MeanSquaredError and RootMeanSquaredError metrics: each example's mean
 * over its output elements of {@code |y − o|} or {@code (y − o)²}, summed over the batch (the
 * runner divides by the examples; the root mean squared error is the square root of that mean,
 * which is Keras' mean over all elements since every example has as many). Labels are reshaped to
 * the outputs' shape.
 */
public final class MeanError implements Metric {
  private final boolean squared;
  private final boolean root;

  public MeanError(boolean squared) {
    this(squared, false);
  }

  /** With {@code root}, the root mean squared error ({@code squared} must be set). */
  public MeanError(boolean squared, boolean root) {
    if (root && !squared) {
      throw new IllegalArgumentException("a root mean error is of squared errors");
    }
    this.squared = squared;
    this.root = root;
  }

  @Override
  public String name() {
    return root ? "root_mean_squared_error" : squared ? "mean_squared_error" : "mean_absolute_error";
  }

  @Override
  public double value(double[] totals, long examples) {
    double mean = totals[0] / examples;
    return root ? Math.sqrt(mean) : mean;
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
