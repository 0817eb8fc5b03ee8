package io.inscope.modules.train;

import io.inscope.modules.metrics.Metric;
import io.inscope.modules.schedules.PlateauOps;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.Rebinding;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The ops of one job's graph that the run loop feeds and fetches.
 *
 * <p>One execution runs up to K = {@code train.steps_per_execution} steps: the feeds hold K global
 * batches, one after the other.
 *
 * @param features training batches {@code [K × global batch, input...]}
 * @param labels training labels {@code [K × global batch, label...]}
 * @param step the global step of the execution's first step (int64 scalar; seeds per-step
 *     randomness)
 * @param trainOps per step, one synchronized training step on every replica; running {@code
 *     trainOps.get(j - 1)} runs the execution's first j steps
 * @param stepLosses per step, the mean loss over its global batch
 * @param stepMetricSums per step, each metric summed over its global batch, in {@code metrics}
 *     order
 * @param lossVector every step's loss in one fetch: {@code [K]}, a scalar when K = 1
 * @param metricVectors per metric, every step's sum in one fetch: {@code [K]}, scalars when K = 1
 * @param evalFeatures evaluation batch {@code [any, input...]}
 * @param evalLabels evaluation labels
 * @param evalLoss mean loss over the evaluation batch
 * @param evalMetricSums each metric summed over the evaluation batch
 * @param outputs the model's outputs for {@code evalFeatures} (the serving signature)
 * @param variables every logical variable of the scope, in creation order
 * @param learningRate the learning rate the latest step applied (logged as {@code learning_rate})
 * @param plateau the ops of {@code reduce_on_plateau}, or null with another schedule
 * @param emaSwap with {@code ema}, exchanges the weights with their moving averages (evaluation and
 *     export run between two swaps); null without
 * @param evalConfusion the evaluation batch's {@link io.inscope.modules.metrics.ConfusionMatrix}
 *     counts, for a classifier's loss; null for others
 * @param stepLossScales with {@code precision: mixed_float16}, per step, the dynamic loss scale the
 *     step applied (logged as {@code loss_scale}); empty without
 * @param lossScaleVector every step's loss scale in one fetch ({@code [K]}, a scalar when K = 1);
 *     null without
 */
public record TrainGraph(
    Placeholder<TFloat32> features,
    Placeholder<TFloat32> labels,
    Placeholder<TInt64> step,
    List<Op> trainOps,
    List<Operand<TFloat32>> stepLosses,
    List<List<Operand<TFloat32>>> stepMetricSums,
    Operand<TFloat32> lossVector,
    List<Operand<TFloat32>> metricVectors,
    Placeholder<TFloat32> evalFeatures,
    Placeholder<TFloat32> evalLabels,
    Operand<TFloat32> evalLoss,
    List<Operand<TFloat32>> evalMetricSums,
    Operand<TFloat32> outputs,
    List<Metric> metrics,
    List<MirroredVariable<?>> variables,
    Operand<TFloat32> learningRate,
    PlateauOps plateau,
    Op emaSwap,
    Operand<TFloat32> evalConfusion,
    List<Operand<TFloat32>> stepLossScales,
    Operand<TFloat32> lossScaleVector) {

  public TrainGraph {
    trainOps = List.copyOf(trainOps);
    stepLosses = List.copyOf(stepLosses);
    stepMetricSums = List.copyOf(stepMetricSums);
    metricVectors = List.copyOf(metricVectors);
    evalMetricSums = List.copyOf(evalMetricSums);
    stepLossScales = List.copyOf(stepLossScales);
    metrics = List.copyOf(metrics);
    variables = List.copyOf(variables);
  }

  /** The same ops, looked up by name in {@code graph}, imported from this one's {@code GraphDef}. */
  public TrainGraph in(Graph graph) {
    Rebinding g = new Rebinding(graph);
    return new TrainGraph(
        g.placeholder(features), g.placeholder(labels), g.placeholder(step), g.ops(trainOps),
        g.outputs(stepLosses), g.nested(stepMetricSums), g.output(lossVector), g.outputs(metricVectors),
        g.placeholder(evalFeatures), g.placeholder(evalLabels), g.output(evalLoss),
        g.outputs(evalMetricSums), g.output(outputs), metrics, variables, g.output(learningRate),
        plateau == null ? null : plateau.in(graph), emaSwap == null ? null : g.op(emaSwap),
        evalConfusion == null ? null : g.output(evalConfusion), g.outputs(stepLossScales),
        lossScaleVector == null ? null : g.output(lossScaleVector));
  }

  /** Steps per execution (K). */
  public int stepsPerExecution() {
    return trainOps.size();
  }

  /** The train op of the execution's first step (the whole step when K = 1). */
  public Op trainOp() {
    return trainOps.get(0);
  }

  /** The mean loss of the execution's first step. */
  public Operand<TFloat32> loss() {
    return stepLosses.get(0);
  }

  /**
   * Each metric's statistics per step: 1 for a scalar sum, the vector's length for a metric that
   * sums statistics (see {@link Metric#value}).
   */
  public int[] metricSizes() {
    int[] sizes = new int[metrics.size()];
    for (int m = 0; m < sizes.length; m++) {
      org.tensorflow.ndarray.Shape shape = evalMetricSums.get(m).shape();
      sizes[m] = shape.numDimensions() == 0 ? 1 : (int) shape.size(0);
    }
    return sizes;
  }

  /** The metric sums of the execution's first step. */
  public List<Operand<TFloat32>> metricSums() {
    return stepMetricSums.get(0);
  }
}
