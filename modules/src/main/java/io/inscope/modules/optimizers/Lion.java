package io.inscope.modules.optimizers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' Lion: {@code w −= η · sign(β1 m + (1 − β1) g)}, then {@code m = β2 m + (1 − β2) g}, both
 * from the same read of {@code m} (slot {@code momentum}, starting at 0). No fused kernel computes
 * it, so the update is written out.
 */
final class Lion extends KerasOptimizer {
  private final float beta1;
  private final float beta2;

  Lion(Settings settings, float beta1, float beta2) {
    super(settings, "momentum");
    this.beta1 = beta1;
    this.beta2 = beta2;
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    return (v, g) -> {
      var m = slot(v, "momentum");
      Operand<TFloat32> old = m.read(tf, replica);
      Operand<TFloat32> direction = tf.math.sign(
          tf.math.add(tf.math.mul(old, scalar(tf, beta1)), tf.math.mul(g, scalar(tf, 1 - beta1))));
      Op step = v.assignSub(tf, replica, tf.math.mul(lr, direction));
      Operand<TFloat32> next = tf.math.add(tf.math.mul(old, scalar(tf, beta2)), tf.math.mul(g, scalar(tf, 1 - beta2)));
      Op remember = m.assign(tf, replica, next);
      return tf.withControlDependencies(List.of(step, remember)).noOp();
    };
  }
}
