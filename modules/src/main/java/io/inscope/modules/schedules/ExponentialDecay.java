package io.inscope.modules.schedules;

import io.inscope.configs.schedules.ExponentialDecaySpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Keras' ExponentialDecay: {@code initial · rate^(t / D)}, the exponent floored with staircase. */
final class ExponentialDecay implements LearningRate {
  private final ExponentialDecaySpec spec;

  ExponentialDecay(ExponentialDecaySpec spec) {
    this.spec = spec;
  }

  @Override
  public Operand<TFloat32> at(Ops tf, int replica, Operand<TInt64> step) {
    Operand<TFloat32> p = tf.math.div(LearningRate.asFloat(tf, step), LearningRate.scalar(tf, spec.decaySteps()));
    if (spec.staircase()) {
      p = tf.math.floor(p);
    }
    return tf.math.mul(LearningRate.scalar(tf, spec.initial()), tf.math.pow(LearningRate.scalar(tf, spec.decayRate()), p));
  }
}
