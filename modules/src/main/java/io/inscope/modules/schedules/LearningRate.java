package io.inscope.modules.schedules;

import io.inscope.modules.strategy.StrategyScope;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * A learning rate computed in the graph from the optimizer's step count, as Keras'
 * {@code LearningRateSchedule(step)} with {@code step = optimizer.iterations} (0 at the first
 * step). Every replica computes it from its own copy of the count, so replicas agree and a resumed
 * run continues where the checkpoint left off.
 *
 * <pre>{@code
 * LearningRate lr = LearningRates.of(spec);
 * lr.build(scope);                                   // state, if any (reduce_on_plateau)
 * Operand<TFloat32> rate = lr.at(tf, replica, iterations);
 * }</pre>
 */
public interface LearningRate {
  /** Creates the schedule's variables in the open scope, once; most schedules have none. */
  default void build(StrategyScope scope) {}

  /** The rate at 0-based step {@code step} (an int64 scalar), for replica {@code replica}. */
  Operand<TFloat32> at(Ops tf, int replica, Operand<TInt64> step);

  static Operand<TFloat32> asFloat(Ops tf, Operand<TInt64> step) {
    return tf.dtypes.cast(step, TFloat32.class);
  }

  static Operand<TFloat32> scalar(Ops tf, double value) {
    return tf.constant((float) value);
  }
}
