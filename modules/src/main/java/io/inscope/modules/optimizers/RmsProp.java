package io.inscope.modules.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ResourceApplyCenteredRmsProp;
import org.tensorflow.op.train.ResourceApplyRmsProp;
import org.tensorflow.types.TFloat32;

/**
 * Keras' RMSprop: {@code v = ρ v + (1−ρ) g²}; centered, {@code ḡ = ρ ḡ + (1−ρ) g} and
 * {@code i = η g / √(v − ḡ² + ε)}, else {@code i = η g / √(v + ε)}; {@code m = μ m + i},
 * {@code w −= m}, through the fused {@code ResourceApplyRMSProp} and
 * {@code ResourceApplyCenteredRMSProp} kernels. Every slot starts at 0 as in Keras (TF 1's
 * {@code RMSPropOptimizer}, and tensorflow-framework's, start {@code v} at 1, which makes the early
 * steps far smaller wherever {@code g²} is small next to 1).
 */
final class RmsProp extends KerasOptimizer {
  private final float rho;
  private final float momentum;
  private final float epsilon;
  private final boolean centered;

  RmsProp(Settings settings, float rho, float momentum, float epsilon, boolean centered) {
    super(settings, centered ? new String[] {"rms", "momentum", "mg"} : new String[] {"rms", "momentum"});
    this.rho = rho;
    this.momentum = momentum;
    this.epsilon = epsilon;
    this.centered = centered;
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    if (centered) {
      return (v, g) -> tf.train.resourceApplyCenteredRmsProp(
          v.handle(replica), slot(v, "mg").handle(replica), slot(v, "rms").handle(replica),
          slot(v, "momentum").handle(replica), lr, scalar(tf, rho),
          scalar(tf, momentum), scalar(tf, epsilon), g, ResourceApplyCenteredRmsProp.useLocking(true));
    }
    return (v, g) -> tf.train.resourceApplyRmsProp(
        v.handle(replica), slot(v, "rms").handle(replica), slot(v, "momentum").handle(replica),
        lr, scalar(tf, rho), scalar(tf, momentum), scalar(tf, epsilon), g,
        ResourceApplyRmsProp.useLocking(true));
  }
}
