package io.inscope.modules.metrics;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A metric computed per batch as a sum over its examples; the runner adds the sums over steps and
 * divides by the examples seen, so a metric over a whole split is exact, not a mean of means.
 */
public interface Metric {

  /** The name in logs and metrics.jsonl ({@code accuracy}, {@code top_5_accuracy}). */
  String name();

  /**
   * @param labels labels as fed: class ids {@code [batch]}, or targets shaped like the outputs
   * @param outputs the model's outputs {@code [batch, ...]}
   * @return a float32 scalar: the metric summed over the batch's examples
   */
  Operand<TFloat32> batchSum(Ops tf, Operand<TFloat32> labels, Operand<TFloat32> outputs);
}
