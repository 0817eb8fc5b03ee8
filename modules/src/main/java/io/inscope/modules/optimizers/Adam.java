package io.inscope.modules.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ResourceApplyAdam;
import org.tensorflow.types.TFloat32;

/**
 * Keras' Adam: {@code m = β1 m + (1−β1) g}, {@code v = β2 v + (1−β2) g²},
 * {@code w −= η √(1−β2^t) / (1−β1^t) · m / (√v + ε)}, through TensorFlow's fused
 * {@code ResourceApplyAdam} kernel, which computes exactly this with the powers of step t.
 */
final class Adam extends AdamFamily {

  Adam(Settings settings, float beta1, float beta2, float epsilon) {
    super(settings, beta1, beta2, epsilon);
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    Operand<TFloat32> beta1Power = tf.math.pow(scalar(tf, beta1), t);
    Operand<TFloat32> beta2Power = tf.math.pow(scalar(tf, beta2), t);
    return (v, g) -> tf.train.resourceApplyAdam(
        v.handle(replica), slot(v, "m").handle(replica), slot(v, "v").handle(replica),
        beta1Power, beta2Power, lr, scalar(tf, beta1), scalar(tf, beta2),
        scalar(tf, epsilon), g, ResourceApplyAdam.useLocking(true));
  }
}
