package io.inscope.modules.layers;

import io.inscope.configs.initializers.OnesSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.BatchNormalizationSpec;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Normalizes each channel (the last axis): {@code gamma · (x - mean) / sqrt(variance + epsilon) +
 * beta}. In training, mean and (biased) variance are the batch's, over every axis but the last,
 * and the step updates {@code moving = moving · momentum + batch · (1 - momentum)}; otherwise the
 * moving statistics are used. A frozen layer ({@code trainable: false}) runs in inference mode in
 * training too, as Keras 3's does: it normalizes with the moving statistics and does not update
 * them (the usual setting for fine-tuning a pretrained network).
 *
 * <p>With several replicas each normalizes with its own slice's statistics, as Keras does, but the
 * moving statistics are updated with the mean of the replicas' statistics, so every replica keeps
 * the same moving averages (their components would drift apart otherwise).
 *
 * <pre>
 * - batch_normalization: {momentum: 0.9}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>momentum</td><td>0.99</td><td>weight of the old moving statistics per step</td></tr>
 *   <tr><td>epsilon</td><td>0.001</td><td>added to the variance</td></tr>
 *   <tr><td>center</td><td>true</td><td>learn beta (initially 0)</td></tr>
 *   <tr><td>scale</td><td>true</td><td>learn gamma (initially 1)</td></tr>
 * </table>
 *
 * <p>Weights: {@code gamma}, {@code beta} (trainable), {@code moving_mean} (zeros), {@code
 * moving_variance} (ones), each of shape {@code [channels]}.
 */
public final class BatchNormalization extends NamedLayer {
  private final BatchNormalizationSpec spec;
  private final LayerServices services;
  private final Map<Integer, List<Operand<TFloat32>>> batchStatistics = new TreeMap<>();
  private int[] axes;
  private MirroredVariable<TFloat32> gamma;
  private MirroredVariable<TFloat32> beta;
  private MirroredVariable<TFloat32> movingMean;
  private MirroredVariable<TFloat32> movingVariance;

  public BatchNormalization(BatchNormalizationSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    if (inputShape.numDimensions() == 0) {
      throw new LayerShapeException(name, "needs examples with a channel axis, got a scalar");
    }
    Shape channels = Shape.of(inputShape.size(inputShape.numDimensions() - 1));
    axes = new int[inputShape.numDimensions()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    if (spec.scale()) {
      gamma = services.weight(name, "gamma", channels, new OnesSpec(), true);
    }
    if (spec.center()) {
      beta = services.weight(name, "beta", channels, new ZerosSpec(), true);
    }
    movingMean = services.weight(name, "moving_mean", channels, new ZerosSpec(), false);
    movingVariance = services.weight(name, "moving_variance", channels, new OnesSpec(), false);
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    if (!ctx.training() || !services.layerTrainable()) {
      return normalize(
          ctx, tf, input, ctx.replica().read(movingMean), ctx.replica().read(movingVariance));
    }
    // plain reduce ops rather than FusedBatchNorm: any rank (fused wants 4-D) and the biased
    // variance, which Keras 3 uses for both the output and the moving average
    Operand<TFloat32> mean = tf.math.mean(input, tf.constant(axes));
    Operand<TFloat32> variance =
        tf.math.mean(tf.math.squaredDifference(input, mean), tf.constant(axes));
    recordBatchStatistics(ctx, mean, variance);
    return normalize(ctx, tf, input, mean, variance);
  }

  private Operand<TFloat32> normalize(
      CallContext ctx, Ops tf, Operand<TFloat32> x, Operand<TFloat32> mean,
      Operand<TFloat32> variance) {
    Operand<TFloat32> inv =
        tf.math.rsqrt(tf.math.add(variance, tf.constant((float) spec.epsilon())));
    if (gamma != null) {
      inv = tf.math.mul(inv, ctx.replica().read(gamma));
    }
    Operand<TFloat32> shift = tf.math.neg(tf.math.mul(mean, inv));
    if (beta != null) {
      shift = tf.math.add(shift, ctx.replica().read(beta));
    }
    return tf.math.add(tf.math.mul(x, inv), shift);
  }

  /** Once every replica has been called in training, adds the moving-average updates. */
  private void recordBatchStatistics(
      CallContext ctx, Operand<TFloat32> mean, Operand<TFloat32> variance) {
    StrategyScope scope = ctx.replica().scope();
    batchStatistics.put(ctx.replica().index(), List.of(mean, variance));
    if (batchStatistics.size() < scope.replicas()) {
      return;
    }
    List<Operand<TFloat32>> means = new ArrayList<>();
    List<Operand<TFloat32>> variances = new ArrayList<>();
    batchStatistics.values().forEach(s -> {
      means.add(s.get(0));
      variances.add(s.get(1));
    });
    batchStatistics.clear();
    Ops tf = scope.tf().withSubScope(name);
    List<Operand<TFloat32>> meanMeans = scope.strategy().allReduceMean(tf, means);
    List<Operand<TFloat32>> meanVariances = scope.strategy().allReduceMean(tf, variances);
    for (int r = 0; r < scope.replicas(); r++) {
      Ops at = scope.replicaOps(r).withSubScope(name);
      ctx.updates().add(movingAverage(at, movingMean, r, meanMeans.get(r)));
      ctx.updates().add(movingAverage(at, movingVariance, r, meanVariances.get(r)));
    }
  }

  private Op movingAverage(
      Ops tf, MirroredVariable<TFloat32> moving, int replica, Operand<TFloat32> batch) {
    float momentum = (float) spec.momentum();
    Operand<TFloat32> value =
        tf.math.add(
            tf.math.mul(moving.read(tf, replica), tf.constant(momentum)),
            tf.math.mul(batch, tf.constant(1 - momentum)));
    return moving.assign(tf, replica, value);
  }
}
