package io.inscope.modules.optimizers;

import io.inscope.modules.schedules.LearningRate;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Applies reduced gradients to resource variables, one replica's components at a time. Its slots
 * and state are variables of the strategy scope like any other (kind {@code OPTIMIZER}), created
 * once by {@link #build} before any step, so a replicated computation receives them as inputs.
 *
 * <pre>{@code
 * optimizer.build(scope, trainable);             // slots: <variable>-<slot>, and iterations
 * Op step = optimizer.apply(gated, r, gradients); // per replica, per unrolled step
 * }</pre>
 */
public interface Optimizer {

  /** Creates the slots of {@code variables} and the optimizer's state in the open scope; once. */
  void build(StrategyScope scope, List<MirroredVariable<TFloat32>> variables);

  /**
   * Replica {@code replica}'s update for one step.
   *
   * @param tf ops that wait for every reduced gradient of the step
   * @param gradients the reduced gradients, in the order of {@link #build}'s variables
   * @return an op that completes when every component and the optimizer's state are updated
   */
  Op apply(Ops tf, int replica, List<Operand<TFloat32>> gradients);

  /** The learning rate (schedule) the optimizer applies. */
  LearningRate learningRate();

  /**
   * With {@code ema}, an op that exchanges every replica's weights with their moving averages (run
   * it twice to undo it exactly); null without.
   */
  default Op emaSwap() {
    return null;
  }

  /** The rate the latest step applied (replica 0's; the first step's before any), built by {@link #build}. */
  Operand<TFloat32> appliedLearningRate();
}
