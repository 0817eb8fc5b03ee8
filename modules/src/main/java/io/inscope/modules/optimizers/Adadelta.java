package io.inscope.modules.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ResourceApplyAdadelta;
import org.tensorflow.types.TFloat32;

/**
 * Keras' Adadelta: {@code a = ρ a + (1−ρ) g²}, {@code d = √(u + ε) / √(a + ε) · g},
 * {@code u = ρ u + (1−ρ) d²}, {@code w −= η d}, through the fused {@code ResourceApplyAdadelta}.
 */
final class Adadelta extends KerasOptimizer {
  private final float rho;
  private final float epsilon;

  Adadelta(Settings settings, float rho, float epsilon) {
    super(settings, "accum", "accum_update");
    this.rho = rho;
    this.epsilon = epsilon;
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    return (v, g) -> tf.train.resourceApplyAdadelta(
        v.handle(replica), slot(v, "accum").handle(replica), slot(v, "accum_update").handle(replica),
        lr, scalar(tf, rho), scalar(tf, epsilon), g,
        ResourceApplyAdadelta.useLocking(true));
  }
}
