package io.inscope.modules.metrics;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A classifier's confusion matrix over an evaluation: {@code count(t, p)} examples of true class
 * {@code t} predicted as class {@code p} (rows are true classes, columns predictions, as {@code
 * tf.math.confusion_matrix}). The prediction is the arg-max of the outputs; for one output unit
 * (binary cross-entropy) the classes are 0 and 1 and an example is predicted 1 when its probability
 * is above 0.5 (its logit above 0), as {@code accuracy} counts it.
 *
 * @param classes the number of classes
 * @param counts row-major {@code classes × classes} counts
 */
public record ConfusionMatrix(int classes, long[] counts) {
  public ConfusionMatrix {
    if (counts.length != classes * classes) {
      throw new IllegalArgumentException(classes + " classes need " + classes * classes + " counts, got " + counts.length);
    }
    counts = counts.clone();
  }

  /** Examples of true class {@code truth} predicted as {@code predicted}. */
  public long count(int truth, int predicted) {
    return counts[truth * classes + predicted];
  }

  /** Examples counted. */
  public long total() {
    return Arrays.stream(counts).sum();
  }

  @Override
  public long[] counts() {
    return counts.clone();
  }

  /** Whether a job's loss makes its outputs class scores that a confusion matrix counts. */
  public static boolean applies(LossSpec loss, int units) {
    if (loss instanceof SparseCategoricalCrossentropySpec || loss instanceof CategoricalCrossentropySpec) {
      return units >= 2;
    }
    return loss instanceof BinaryCrossentropySpec && units == 1;
  }

  /** The classes counted for outputs of {@code units} units: 2 for one unit, else the units. */
  public static int classes(int units) {
    return units == 1 ? 2 : units;
  }

  /**
   * One batch's counts, a float32 {@code [classes × classes]} vector (row-major), for a loss that
   * {@link #applies}.
   */
  public static Operand<TFloat32> batchCounts(Ops tf, LossSpec loss, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    int units = Probabilities.units(outputs);
    int classes = classes(units);
    Operand<TInt64> truth;
    Operand<TInt64> predicted;
    if (units == 1) {
      truth = tf.dtypes.cast(Probabilities.truths(tf, labels, outputs), TInt64.class);
      predicted = tf.dtypes.cast(Probabilities.predictions(tf, loss, outputs, 0.5), TInt64.class);
    } else {
      truth = ClassIds.of(tf, labels, outputs);
      predicted = tf.math.argMax(outputs, tf.constant(outputs.shape().numDimensions() - 1));
    }
    Operand<TInt64> cell = tf.reshape(tf.math.add(tf.math.mul(truth, tf.constant((long) classes)), predicted), tf.constant(new long[] {-1}));
    Operand<TFloat32> ones = tf.onesLike(tf.dtypes.cast(cell, TFloat32.class));
    return tf.math.unsortedSegmentSum(ones, cell, tf.constant((long) classes * classes));
  }
}
