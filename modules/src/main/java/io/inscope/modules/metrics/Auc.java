package io.inscope.modules.metrics;

import io.inscope.configs.losses.LossSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Area under the ROC curve, Keras' {@code AUC(num_thresholds=n, curve='ROC',
 * summation_method='interpolation')}, and with several output units the mean over classes of each
 * class's one-vs-rest AUC ({@code multi_label=True} on one-hot labels).
 *
 * <p>Keras' thresholds are {@code t_0 = −ε, t_i = i / (n − 1), t_{n−1} = 1 + ε}; a probability
 * {@code p} counts as positive at {@code t_i} when {@code p > t_i}. As Keras does for evenly spaced
 * thresholds, each batch puts every probability in bucket {@code b = max(0, ⌈p (n − 1)⌉ − 1)} and
 * sums positives and negatives per bucket: a {@code [2 × classes × n]} vector (positives of every
 * class's buckets, then negatives). From the totals, {@code TP_i} is the positives in buckets
 * {@code ≥ i} (likewise {@code FP_i}), the true positive rate {@code TP_i / P} and false positive
 * rate {@code FP_i / N} (0 when P or N is 0, Keras' {@code divide_no_nan}), and the area is {@code
 * Σ_{i<n−1} (FPR_i − FPR_{i+1}) (TPR_i + TPR_{i+1}) / 2}.
 */
public final class Auc implements Metric {
  private final LossSpec loss;
  private final int thresholds;

  public Auc(LossSpec loss, int thresholds) {
    this.loss = loss;
    this.thresholds = thresholds;
  }

  @Override
  public String name() {
    return "auc";
  }

  @Override
  public Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs) {
    int classes = Probabilities.units(outputs);
    Operand<TFloat32> p = tf.clipByValue(Probabilities.of(tf, loss, outputs), tf.constant(0f), tf.constant(1f));
    Operand<TFloat32> truth = Probabilities.truths(tf, labels, outputs);
    Operand<TFloat32> scaled = tf.math.sub(tf.math.ceil(tf.math.mul(p, tf.constant((float) (thresholds - 1)))), tf.constant(1f));
    Operand<TInt32> bucket = tf.dtypes.cast(tf.math.maximum(scaled, tf.constant(0f)), TInt32.class);
    // class c's buckets are c × n .. c × n + n − 1
    int[] offsets = new int[classes];
    for (int c = 0; c < classes; c++) {
      offsets[c] = c * thresholds;
    }
    Operand<TInt32> segment = tf.reshape(tf.math.add(bucket, tf.constant(offsets)), tf.constant(new long[] {-1}));
    Operand<TInt32> segments = tf.constant(classes * thresholds);
    Operand<TFloat32> positives = tf.math.unsortedSegmentSum(tf.reshape(truth, tf.constant(new long[] {-1})), segment, segments);
    Operand<TFloat32> negatives = tf.math.unsortedSegmentSum(
        tf.reshape(tf.math.sub(tf.constant(1f), truth), tf.constant(new long[] {-1})), segment, segments);
    return tf.concat(List.of(positives, negatives), tf.constant(0));
  }

  @Override
  public double value(double[] totals, long examples) {
    int classes = totals.length / (2 * thresholds);
    double sum = 0;
    for (int c = 0; c < classes; c++) {
      sum += area(totals, c * thresholds, (classes + c) * thresholds, thresholds);
    }
    return sum / classes;
  }

  /** One class's area from its positives at {@code pos..pos+n-1} and negatives at {@code neg..}. */
  static double area(double[] totals, int pos, int neg, int n) {
    double[] tp = new double[n];
    double[] fp = new double[n];
    double tpAbove = 0;
    double fpAbove = 0;
    for (int i = n - 1; i >= 0; i--) {
      tpAbove += totals[pos + i];
      fpAbove += totals[neg + i];
      tp[i] = tpAbove;
      fp[i] = fpAbove;
    }
    double positives = tp[0];
    double negatives = fp[0];
    double area = 0;
    for (int i = 0; i < n - 1; i++) {
      double tpr = positives == 0 ? 0 : tp[i] / positives;
      double tprNext = positives == 0 ? 0 : tp[i + 1] / positives;
      double fpr = negatives == 0 ? 0 : fp[i] / negatives;
      double fprNext = negatives == 0 ? 0 : fp[i + 1] / negatives;
      area += (fpr - fprNext) * (tpr + tprNext) / 2;
    }
    return area;
  }
}
