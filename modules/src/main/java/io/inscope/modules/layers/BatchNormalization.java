package io.inscope.modules.layers;

import io.inscope.configs.initializers.OnesSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.BatchNormalizationSpec;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
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
 * <p>With several replicas and {@code synchronized: true} (the default) the training statistics
 * are the global batch's: the replicas' means are all-reduced, then their variances around that
 * mean, as Keras' {@code synchronized=True} does (it all-reduces sums and sums of squares instead),
 * so the step equals one_device's on the same global batch, gradients included (they flow back
 * through the all-reduce). With {@code synchronized: false} each replica normalizes with its own
 * slice's statistics (Keras' default). Either way the moving statistics are updated with the same
 * value on every replica (the mean of the replicas' statistics when unsynchronized), so their
 * components never drift apart.
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
 *   <tr><td>synchronized</td><td>true</td><td>several replicas: the global batch's statistics</td></tr>
 * </table>
 *
 * <p>Weights: {@code gamma}, {@code beta} (trainable), {@code moving_mean} (zeros), {@code
 * moving_variance} (ones), each of shape {@code [channels]}.
 */
public final class BatchNormalization extends NamedLayer implements CrossReplicaLayer {
  private final BatchNormalizationSpec spec;
  private final LayerServices services;
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
  public List<Operand<TFloat32>> call(List<CallContext> contexts, List<Operand<TFloat32>> inputs) {
    List<Operand<TFloat32>> out = new ArrayList<>();
    // a frozen layer normalizes with its moving statistics in training too (Keras 3)
    if (!contexts.get(0).training() || !services.layerTrainable()) {
      for (int r = 0; r < contexts.size(); r++) {
        CallContext ctx = contexts.get(r);
        Ops tf = ctx.tf().withSubScope(name);
        out.add(normalize(ctx, tf, inputs.get(r), ctx.replica().read(movingMean), ctx.replica().read(movingVariance)));
      }
      return out;
    }
    StrategyScope scope = contexts.get(0).replica().scope();
    if (contexts.size() != scope.replicas()) {
      throw new IllegalStateException(name + ": a training call needs every replica of the step at once (got "
          + contexts.size() + " of " + scope.replicas() + ")");
    }
    List<Ops> at = new ArrayList<>();
    List<Operand<TFloat32>> means = new ArrayList<>();
    for (int r = 0; r < contexts.size(); r++) {
      Ops tf = contexts.get(r).tf().withSubScope(name);
      at.add(tf);
      // plain reduce ops rather than FusedBatchNorm: any rank (fused wants 4-D) and the biased
      // variance, which Keras 3 uses for both the output and the moving average
      means.add(tf.math.mean(inputs.get(r), tf.constant(axes)));
    }
    // after the replicas' scopes: a replicated (TPU) step's scope numbers repeated sub-scopes
    Ops reduce = scope.tf().withSubScope(name);
    boolean synced = spec.synchronize() && scope.strategy().replicasInSync() > 1;
    if (synced) {
      // the global batch's mean, then its variance around that mean: the one-device formula over
      // the global batch, so the replicated step equals one_device's to float rounding (one
      // all-reduce of sums and sums of squares would save a round trip but cancels digits)
      means = scope.strategy().allReduceMean(reduce, means);
    }
    List<Operand<TFloat32>> variances = new ArrayList<>();
    for (int r = 0; r < contexts.size(); r++) {
      Ops tf = at.get(r);
      variances.add(tf.math.mean(tf.math.squaredDifference(inputs.get(r), means.get(r)), tf.constant(axes)));
    }
    if (synced) {
      variances = scope.strategy().allReduceMean(reduce, variances);
    }
    for (int r = 0; r < contexts.size(); r++) {
      CallContext ctx = contexts.get(r);
      out.add(normalize(ctx, at.get(r), inputs.get(r), means.get(r), variances.get(r)));
    }
    // unsynchronized, each replica normalized with its own statistics; the moving averages take
    // their mean, so every replica keeps the same moving statistics
    List<Operand<TFloat32>> movingMeans = synced ? means : scope.strategy().allReduceMean(reduce, means);
    List<Operand<TFloat32>> movingVariances = synced ? variances : scope.strategy().allReduceMean(reduce, variances);
    for (int r = 0; r < scope.replicas(); r++) {
      Ops update = scope.replicaOps(r).withSubScope(name);
      contexts.get(r).updates().add(movingAverage(update, movingMean, r, movingMeans.get(r)));
      contexts.get(r).updates().add(movingAverage(update, movingVariance, r, movingVariances.get(r)));
    }
    return out;
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
