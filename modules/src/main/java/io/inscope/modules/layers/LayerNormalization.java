package io.inscope.modules.layers;

import io.inscope.configs.initializers.OnesSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.LayerNormalizationSpec;
import io.inscope.modules.strategy.MirroredVariable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code gamma · (x - mean) / sqrt(variance + epsilon) + beta} with the mean and (biased) variance
 * of each example's last axis, computed as Keras 3 does ({@code inv = rsqrt(variance + epsilon) ·
 * gamma}, {@code x · inv + (beta - mean · inv)}); with {@code rms_scaling}, {@code x · rsqrt(variance
 * + epsilon) · gamma} as Keras 3 computes it (the mean is not subtracted, there is no beta). See
 * {@link LayerNormalizationSpec}.
 */
public final class LayerNormalization extends NamedLayer {
  private final LayerNormalizationSpec spec;
  private final LayerServices services;
  private MirroredVariable<TFloat32> gamma;
  private MirroredVariable<TFloat32> beta;

  public LayerNormalization(LayerNormalizationSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    if (inputShape.numDimensions() == 0) {
      throw new LayerShapeException(name, "needs examples with at least one axis, got a scalar");
    }
    Shape last = Shape.of(inputShape.size(inputShape.numDimensions() - 1));
    if (spec.scale() || spec.rmsScaling()) {
      gamma = services.weight(name, "gamma", last, new OnesSpec(), true);
    }
    if (spec.center() && !spec.rmsScaling()) {
      beta = services.weight(name, "beta", last, new ZerosSpec(), true);
    }
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TInt32> axis = tf.constant(new int[] {-1});
    Operand<TFloat32> mean = tf.math.mean(input, axis, Mean.keepDims(true));
    Operand<TFloat32> variance =
        tf.math.mean(tf.math.squaredDifference(input, mean), axis, Mean.keepDims(true));
    Operand<TFloat32> inv = tf.math.rsqrt(tf.math.add(variance, tf.constant((float) spec.epsilon())));
    if (spec.rmsScaling()) {
      Operand<TFloat32> y = tf.math.mul(input, inv);
      return tf.math.mul(y, ctx.replica().read(gamma));
    }
    if (gamma != null) {
      inv = tf.math.mul(inv, ctx.replica().read(gamma));
    }
    Operand<TFloat32> shift = tf.math.neg(tf.math.mul(mean, inv));
    if (beta != null) {
      shift = tf.math.add(shift, ctx.replica().read(beta));
    }
    return tf.math.add(tf.math.mul(input, inv), shift);
  }
}
