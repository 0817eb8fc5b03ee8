package io.inscope.modules.schedules;

import io.inscope.configs.schedules.CosineDecaySpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/** Keras' CosineDecay: {@code initial · ((1 − α) · ½ (1 + cos(π · min(t, D) / D)) + α)}. */
final class CosineDecay implements LearningRate {
  private final CosineDecaySpec spec;

  CosineDecay(CosineDecaySpec spec) {
    this.spec = spec;
  }

  @Override
  public Operand<TFloat32> at(Ops tf, int replica, Operand<TInt64> step) {
    Operand<TFloat32> d = LearningRate.scalar(tf, spec.decaySteps());
    Operand<TFloat32> fraction = tf.math.div(tf.math.minimum(LearningRate.asFloat(tf, step), d), d);
    Operand<TFloat32> cosine = tf.math.mul(LearningRate.scalar(tf, 0.5), tf.math.add(LearningRate.scalar(tf, 1),
        tf.math.cos(tf.math.mul(LearningRate.scalar(tf, Math.PI), fraction))));
    Operand<TFloat32> decayed = tf.math.add(
        tf.math.mul(LearningRate.scalar(tf, 1 - spec.alpha()), cosine), LearningRate.scalar(tf, spec.alpha()));
    return tf.math.mul(LearningRate.scalar(tf, spec.initial()), decayed);
  }
}
