package io.inscope.modules.metrics;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The outputs and labels of a classifier as {@code [examples, classes]} rows: probabilities (the
 * sigmoid or softmax of logits when the loss takes logits) and 0/1 truths. One output unit is one
 * class (the positive one) with the label thresholded at 0.5; several units take class ids,
 * id columns or one-hot rows as {@link ClassIds} reads them.
 */
final class Probabilities {
  private Probabilities() {}

  static boolean logits(LossSpec loss) {
    if (loss instanceof BinaryCrossentropySpec b) {
      return b.fromLogits();
    }
    if (loss instanceof CategoricalCrossentropySpec c) {
      return c.fromLogits();
    }
    return loss instanceof SparseCategoricalCrossentropySpec s && s.fromLogits();
  }

  /** The output units (classes; 1 for a binary output). */
  static int units(Operand<TFloat32> outputs) {
    return (int) outputs.shape().size(outputs.shape().numDimensions() - 1);
  }

  /** {@code [examples, units]} probabilities. */
  static Operand<TFloat32> of(Ops tf, LossSpec loss, Operand<TFloat32> outputs) {
    int units = units(outputs);
    Operand<TFloat32> rows = tf.reshape(outputs, tf.constant(new long[] {-1, units}));
    if (!logits(loss)) {
      return rows;
    }
    return units == 1 ? tf.math.sigmoid(rows) : tf.nn.softmax(rows);
  }

  /** {@code [examples, units]} truths, 1 for the example's class and 0 elsewhere. */
  static Operand<TFloat32> truths(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    int units = units(outputs);
    if (units == 1) {
      Operand<TFloat32> column = tf.reshape(labels, tf.constant(new long[] {-1, 1}));
      return tf.dtypes.cast(tf.math.greater(column, tf.constant(0.5f)), TFloat32.class);
    }
    Operand<TInt64> ids = tf.reshape(ClassIds.of(tf, labels, outputs), tf.constant(new long[] {-1}));
    return tf.oneHot(ids, tf.constant(units), tf.constant(1f), tf.constant(0f));
  }

  /**
   * {@code [examples, units]} 0/1 predictions: probability above {@code threshold} for one unit,
   * the arg-max for several.
   */
  static Operand<TFloat32> predictions(Ops tf, LossSpec loss, Operand<TFloat32> outputs, double threshold) {
    int units = units(outputs);
    Operand<TFloat32> p = of(tf, loss, outputs);
    if (units == 1) {
      return tf.dtypes.cast(tf.math.greater(p, tf.constant((float) threshold)), TFloat32.class);
    }
    Operand<TInt64> best = tf.math.argMax(p, tf.constant(1));
    return tf.oneHot(best, tf.constant(units), tf.constant(1f), tf.constant(0f));
  }
}
