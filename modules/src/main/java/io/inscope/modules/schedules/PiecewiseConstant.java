package io.inscope.modules.schedules;

import io.inscope.configs.schedules.PiecewiseConstantSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras' PiecewiseConstantDecay: {@code values[i]} for the first boundary {@code i} with {@code t <=
 * boundaries[i]}, the last value beyond them all; compared on the int64 step.
 */
final class PiecewiseConstant implements LearningRate {
  private final PiecewiseConstantSpec spec;

  PiecewiseConstant(PiecewiseConstantSpec spec) {
    this.spec = spec;
  }

  @Override
  public Operand<TFloat32> at(Ops tf, int replica, Operand<TInt64> step) {
    int n = spec.boundaries().size();
    Operand<TFloat32> rate = LearningRate.scalar(tf, spec.values().get(n));
    for (int i = n - 1; i >= 0; i--) {
      rate = tf.select(tf.math.lessEqual(step, tf.constant(spec.boundaries().get(i))),
          LearningRate.scalar(tf, spec.values().get(i)), rate);
    }
    return rate;
  }
}
