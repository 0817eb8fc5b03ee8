package io.inscope.modules.schedules;

import io.inscope.configs.schedules.PolynomialDecaySpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras' PolynomialDecay: {@code (initial − end) · (1 − t / D)^power + end} with {@code t} capped
 * at {@code D}; with {@code cycle}, {@code D} becomes {@code D · ceil(t / D)} (1 at step 0).
 */
final class PolynomialDecay implements LearningRate {
  private final PolynomialDecaySpec spec;

  PolynomialDecay(PolynomialDecaySpec spec) {
    this.spec = spec;
  }

  @Override
  public Operand<TFloat32> at(Ops tf, int replica, Operand<TInt64> step) {
    Operand<TFloat32> t = LearningRate.asFloat(tf, step);
    Operand<TFloat32> d = LearningRate.scalar(tf, spec.decaySteps());
    if (spec.cycle()) {
      Operand<TFloat32> multiplier = tf.select(tf.math.equal(t, LearningRate.scalar(tf, 0)),
          LearningRate.scalar(tf, 1), tf.math.ceil(tf.math.div(t, d)));
      d = tf.math.mul(d, multiplier);
    } else {
      t = tf.math.minimum(t, d);
    }
    Operand<TFloat32> remaining = tf.math.sub(LearningRate.scalar(tf, 1), tf.math.div(t, d));
    Operand<TFloat32> end = LearningRate.scalar(tf, spec.endLearningRate());
    return tf.math.add(tf.math.mul(LearningRate.scalar(tf, spec.initial() - spec.endLearningRate()),
        tf.math.pow(remaining, LearningRate.scalar(tf, spec.power()))), end);
  }
}
