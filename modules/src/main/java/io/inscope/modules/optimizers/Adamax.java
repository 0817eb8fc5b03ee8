package io.inscope.modules.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ResourceApplyAdaMax;
import org.tensorflow.types.TFloat32;

/**
 * Keras' Adamax: {@code m = β1 m + (1−β1) g}, {@code u = max(β2 u, |g|)},
 * {@code w −= η m / ((1−β1^t) (u + ε))}, through TensorFlow's fused {@code ResourceApplyAdaMax}
 * kernel, which computes exactly this.
 */
final class Adamax extends AdamFamily {

  Adamax(Settings settings, float beta1, float beta2, float epsilon) {
    super(settings, beta1, beta2, epsilon);
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    Operand<TFloat32> beta1Power = tf.math.pow(scalar(tf, beta1), t);
    return (v, g) -> tf.train.resourceApplyAdaMax(
        v.handle(replica), slot(v, "m").handle(replica), slot(v, "v").handle(replica),
        beta1Power, lr, scalar(tf, beta1), scalar(tf, beta2),
        scalar(tf, epsilon), g, ResourceApplyAdaMax.useLocking(true));
  }
}
