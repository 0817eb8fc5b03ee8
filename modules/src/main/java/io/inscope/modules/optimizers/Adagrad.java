package io.inscope.modules.optimizers;

import io.inscope.modules.strategy.MirroredVariable;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' Adagrad: {@code a += g²}, {@code w −= η g / √(a + ε)} with ε = 1e-7. TensorFlow's fused
 * kernels divide by {@code √a} ({@code ApplyAdagrad}, where {@code initial_accumulator_value: 0}
 * turns a still-zero gradient into {@code 0/0 = NaN}) or by {@code √a + ε} ({@code
 * ApplyAdagradV2}); neither is Keras', hence the update written out.
 */
final class Adagrad extends KerasOptimizer {
  /** Keras' default, which the YAML does not expose. */
  static final float EPSILON = 1e-7f;

  private final float initialAccumulator;

  Adagrad(Settings settings, float initialAccumulator) {
    super(settings, "accumulator");
    this.initialAccumulator = initialAccumulator;
  }

  @Override
  float initialSlotValue(String slot) {
    return initialAccumulator;
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    return (v, g) -> {
      MirroredVariable<TFloat32> a = slot(v, "accumulator");
      Op accumulate = a.assignAdd(tf, replica, tf.math.square(g));
      Operand<TFloat32> accumulated = a.read(tf.withControlDependencies(java.util.List.of(accumulate)), replica);
      Operand<TFloat32> denominator = tf.math.sqrt(tf.math.add(accumulated, scalar(tf, EPSILON)));
      return v.assignSub(tf, replica, tf.math.div(tf.math.mul(lr, g), denominator));
    };
  }
}
