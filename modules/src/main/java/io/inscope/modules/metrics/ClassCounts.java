package io.inscope.modules.metrics;

import io.inscope.configs.losses.LossSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Precision, recall and F1 from per-class counts: each batch sums a {@code [3 × classes]} vector
 * (true positives, false positives, false negatives of every class, one-vs-rest), the run adds
 * them over a span, and the value is computed once from the totals, so that it is the metric of
 * the whole span, as Keras' stateful metrics report it.
 */
public final class ClassCounts implements Metric {
  /** Which value the counts give. */
  public enum Kind {
    PRECISION("precision"), RECALL("recall"), F1("f1");

    private final String name;

    Kind(String name) {
      this.name = name;
    }
  }

  /** Keras' {@code backend.epsilon()}, in F1's divisions. */
  static final double EPSILON = 1e-7;

  private final Kind kind;
  private final LossSpec loss;
  private final double threshold;

  public ClassCounts(Kind kind, LossSpec loss, double threshold) {
    this.kind = kind;
    this.loss = loss;
    this.threshold = threshold;
  }

  @Override
  public String name() {
    return kind.name;
  }

  @Override
  public Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    Operand<TFloat32> truth = Probabilities.truths(tf, labels, outputs);
    Operand<TFloat32> pred = Probabilities.predictions(tf, loss, outputs, threshold);
    Operand<TFloat32> one = tf.constant(1f);
    Operand<TFloat32> tp = tf.reduceSum(tf.math.mul(pred, truth), tf.constant(0));
    Operand<TFloat32> fp = tf.reduceSum(tf.math.mul(pred, tf.math.sub(one, truth)), tf.constant(0));
    Operand<TFloat32> fn = tf.reduceSum(tf.math.mul(tf.math.sub(one, pred), truth), tf.constant(0));
    return tf.concat(List.of(tp, fp, fn), tf.constant(0));
  }

  /** The mean over classes of each class's value (macro average; one class for one output unit). */
  @Override
  public double value(double[] totals, long examples) {
    int classes = totals.length / 3;
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += value(kind, totals[c], totals[classes + c], totals[2 * classes + c]);
    }
    return sum / classes;
  }

  /**
   * One class's value: precision and recall as Keras' {@code divide_no_nan} (0 for 0 / 0); F1 as
   * Keras' {@code F1Score}, with ε in each division.
   */
  static double value(Kind kind, double tp, double fp, double fn) {
    return switch (kind) {
      case PRECISION -> tp + fp == 0 ? 0 : tp / (tp + fp);
      case RECALL -> tp + fn == 0 ? 0 : tp / (tp + fn);
      case F1 -> {
        double p = tp / (tp + fp + EPSILON);
        double r = tp / (tp + fn + EPSILON);
        yield 2 * p * r / (p + r + EPSILON);
      }
    };
  }
}
