package io.inscope.modules.train;

import io.inscope.modules.metrics.Metric;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The ops of one job's graph that the run loop feeds and fetches.
 *
 * @param features training batch {@code [global batch, input...]}
 * @param labels training labels {@code [global batch, label...]}
 * @param step the global step being run (int64 scalar; seeds per-step randomness)
 * @param trainOp one synchronized training step on every replica
 * @param loss mean loss over the global batch
 * @param metricSums each metric summed over the global batch, in {@code metrics} order
 * @param evalFeatures evaluation batch {@code [any, input...]}
 * @param evalLabels evaluation labels
 * @param evalLoss mean loss over the evaluation batch
 * @param evalMetricSums each metric summed over the evaluation batch
 * @param outputs the model's outputs for {@code evalFeatures} (the serving signature)
 * @param variables every logical variable of the scope, in creation order
 */
public record TrainGraph(
    Placeholder<TFloat32> features,
    Placeholder<TFloat32> labels,
    Placeholder<TInt64> step,
    Op trainOp,
    Operand<TFloat32> loss,
    List<Operand<TFloat32>> metricSums,
    Placeholder<TFloat32> evalFeatures,
    Placeholder<TFloat32> evalLabels,
    Operand<TFloat32> evalLoss,
    List<Operand<TFloat32>> evalMetricSums,
    Operand<TFloat32> outputs,
    List<Metric> metrics,
    List<MirroredVariable<?>> variables) {

  public TrainGraph {
    metricSums = List.copyOf(metricSums);
    evalMetricSums = List.copyOf(evalMetricSums);
    metrics = List.copyOf(metrics);
    variables = List.copyOf(variables);
  }
}
