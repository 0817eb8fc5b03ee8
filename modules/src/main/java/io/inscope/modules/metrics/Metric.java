package io.inscope.modules.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A metric computed per batch as a sum over its examples; the runner adds the sums over steps and
 * divides by the examples seen, so a metric over a whole split is exact, not a mean of means.
 *
 * <p>A metric that is not a mean over examples (precision, AUC) sums a vector of statistics
 * instead (counts per class, per threshold): the runner adds the vectors over the span and {@link
 * #value} turns the totals into the reported number.
 */
public interface Metric {

  /** The name in logs and metrics.jsonl ({@code accuracy}, {@code top_5_accuracy}). */
  String name();

  /**
   * @param labels labels as fed: class ids {@code [batch]}, or targets shaped like the outputs
   * @param outputs the model's outputs {@code [batch, ...]}
   * @return a float32 scalar, the metric summed over the batch's examples, or a float32 vector of
   *     statistics summed over them (its length fixed by the outputs' static shape)
   */
  Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs);

  /**
   * The reported value from the {@link #batchSum}s added over a span.
   *
   * @param totals the sums added element by element (one element for a scalar sum)
   * @param examples the examples in the span
   */
  default double value(double[] totals, long examples) {
    return totals[0] / examples;
  }
}
