package io.inscope.modules.schedules;

import io.inscope.modules.strategy.StrategyScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Model Garden's linear warm-up in front of a schedule: {@code lr(t) = t / W · inner(0)} for
 * {@code t < W}, then {@code inner(t − W)}.
 */
public final class Warmup implements LearningRate {
  private final LearningRate inner;
  private final long steps;

  public Warmup(LearningRate inner, long steps) {
    this.inner = inner;
    this.steps = steps;
  }

  /** The schedule that runs after the warm-up. */
  public LearningRate inner() {
    return inner;
  }

  @Override
  public void build(StrategyScope scope) {
    inner.build(scope);
  }

  @Override
  public Operand<TFloat32> at(Ops tf, int replica, Operand<TInt64> step) {
    Operand<TInt64> w = tf.constant(steps);
    Operand<TFloat32> rising = tf.math.mul(inner.at(tf, replica, tf.constant(0L)),
        tf.math.div(LearningRate.asFloat(tf, step), LearningRate.scalar(tf, steps)));
    Operand<TFloat32> after = inner.at(tf, replica, tf.math.maximum(tf.math.sub(step, w), tf.constant(0L)));
    return tf.select(tf.math.less(step, w), rising, after);
  }
}
