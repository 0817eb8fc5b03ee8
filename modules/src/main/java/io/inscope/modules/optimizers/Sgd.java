package io.inscope.modules.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ResourceApplyGradientDescent;
import org.tensorflow.op.train.ResourceApplyKerasMomentum;
import org.tensorflow.types.TFloat32;

/**
 * Keras' SGD. Without momentum {@code w −= η g} ({@code ResourceApplyGradientDescent}); with
 * momentum μ, {@code m = μ m − η g}, {@code w += m}, or with Nesterov {@code w += μ m − η g}
 * ({@code ResourceApplyKerasMomentum}, which keeps Keras' velocity, so a scheduled rate applies to
 * the new gradient only, as in Keras).
 */
final class Sgd extends KerasOptimizer {
  private final float momentum;
  private final boolean nesterov;

  Sgd(Settings settings, float momentum, boolean nesterov) {
    super(settings, momentum == 0f ? new String[0] : new String[] {"momentum"});
    this.momentum = momentum;
    this.nesterov = nesterov;
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    if (momentum == 0f) {
      return (v, g) -> tf.train.resourceApplyGradientDescent(
          v.handle(replica), lr, g, ResourceApplyGradientDescent.useLocking(true));
    }
    Operand<TFloat32> mu = scalar(tf, momentum);
    return (v, g) -> tf.train.resourceApplyKerasMomentum(
        v.handle(replica), slot(v, "momentum").handle(replica), lr, g, mu,
        ResourceApplyKerasMomentum.useNesterov(nesterov), ResourceApplyKerasMomentum.useLocking(true));
  }
}
