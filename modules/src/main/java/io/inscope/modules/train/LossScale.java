package io.inscope.modules.train;

import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Merge;
import org.tensorflow.op.core.SwitchCond;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Dynamic loss scaling for {@code precision: mixed_float16}, with the semantics of Keras 3's {@code
 * LossScaleOptimizer}: each replica's loss is multiplied by the scale {@code s} (over the number of
 * replicas, as Keras scales a replica's loss) before the backward pass; after the replicas' gradients are reduced, a step whose reduced gradients are all finite
 * divides them by {@code s}, applies the optimizer (clipping and weight decay included) and counts
 * one more finite step, doubling {@code s} and restarting the count when the count reaches {@code
 * growthSteps}; a step with any infinite or NaN reduced gradient applies nothing (weights, slots
 * and the optimizer's {@code iterations} stay as they were, so a schedule does not advance) and
 * halves {@code s}, restarting the count.
 *
 * <p>The scale and the count are variables ({@code loss_scale}, float32, initially {@value
 * #INITIAL_SCALE}; {@code loss_scale_counter}, int64), checkpointed with the optimizer's state, so
 * a resumed run continues the same sequence. Keras decides finiteness on replica 0's gradients; here
 * it is decided on the reduced gradients, which every replica holds identically: a non-finite value
 * on any replica makes the mean non-finite, so every replica skips the step together, as one device
 * would on the same global batch. The skip is a {@code Switch}/{@code Merge} pair around the
 * optimizer's update (TensorFlow's graph-mode conditional): nothing of the update runs on a skipped
 * step.
 */
final class LossScale {
  /** Keras' {@code initial_scale}: 2^15. */
  static final float INITIAL_SCALE = 32768f;
  /** Keras' {@code dynamic_growth_steps}. */
  static final int GROWTH_STEPS = 2000;

  private final MirroredVariable<TFloat32> scale;
  private final MirroredVariable<TInt64> counter;
  private final int growthSteps;

  private LossScale(MirroredVariable<TFloat32> scale, MirroredVariable<TInt64> counter, int growthSteps) {
    this.scale = scale;
    this.counter = counter;
    this.growthSteps = growthSteps;
  }

  /** Creates the scale and its counter in the open scope (before any step is built). */
  static LossScale create(StrategyScope scope, float initialScale, int growthSteps) {
    if (!(initialScale > 0) || growthSteps < 1) {
      throw new IllegalArgumentException("loss scale needs initial scale > 0 and growth steps >= 1 (got "
          + initialScale + ", " + growthSteps + ")");
    }
    MirroredVariable<TFloat32> scale = scope.createVariable("loss_scale", Shape.scalar(), TFloat32.class,
        MirroredVariable.Kind.OPTIMIZER, false, (tf, shape, seed) -> tf.constant(initialScale));
    MirroredVariable<TInt64> counter = scope.createVariable("loss_scale_counter", Shape.scalar(), TInt64.class,
        MirroredVariable.Kind.OPTIMIZER, false, (tf, shape, seed) -> tf.constant(0L));
    return new LossScale(scale, counter, growthSteps);
  }

  static LossScale create(StrategyScope scope) {
    return create(scope, INITIAL_SCALE, GROWTH_STEPS);
  }

  MirroredVariable<TFloat32> variable() {
    return scale;
  }

  /** True when every element of every gradient is finite. */
  static Operand<TBool> allFinite(Ops tf, List<Operand<TFloat32>> gradients) {
    if (gradients.isEmpty()) {
      return tf.constant(true);
    }
    List<Operand<TBool>> each = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      each.add(tf.all(tf.reshape(tf.math.isFinite(g), tf.constant(new long[] {-1})), tf.constant(0)));
    }
    return each.size() == 1 ? each.get(0) : tf.all(tf.stack(each), tf.constant(0));
  }

  /**
   * Replica {@code replica}'s update: the optimizer's on the unscaled gradients when {@code finite},
   * nothing otherwise, then the scale and counter update.
   *
   * @param tf ops that wait for every reduced gradient of the step
   * @param read the scale this replica read for the step
   * @param lossFactor what its loss was multiplied by: {@code read}, over the replicas when several
   * @param gradients the reduced gradients of the scaled losses
   * @param apply builds the optimizer's update from ops and unscaled gradients
   * @return an op that completes when the step's updates (or the skip) and the scale's update are done
   */
  Op apply(Ops tf, int replica, Operand<TBool> finite, Operand<TFloat32> read, Operand<TFloat32> lossFactor,
      List<Operand<TFloat32>> gradients,
      BiFunction<Ops, List<Operand<TFloat32>>, Op> apply) {
    SwitchCond<TBool> branch = tf.switchCond(finite, finite);
    // every op built from whenFinite has a control input that is dead when the step is skipped
    Ops whenFinite = tf.withControlDependencies(List.of(tf.identity(branch.outputTrue())));
    List<Operand<TFloat32>> unscaled = new ArrayList<>();
    for (Operand<TFloat32> g : gradients) {
      unscaled.add(whenFinite.math.div(g, lossFactor));
    }
    Op applied = apply.apply(whenFinite, unscaled);
    Operand<TBool> tookUpdate = tf.withControlDependencies(List.of(applied)).identity(branch.outputTrue());
    Merge<TBool> joined = tf.merge(List.of(tf.identity(branch.outputFalse()), tookUpdate));
    Ops after = tf.withControlDependencies(List.of(joined));
    Operand<TInt64> count = counter.read(after, replica);
    Operand<TBool> grow = after.math.equal(count, after.constant((long) growthSteps - 1));
    Operand<TFloat32> newScale = after.select(finite,
        after.select(grow, after.math.mul(read, after.constant(2f)), read),
        after.math.mul(read, after.constant(0.5f)));
    Operand<TInt64> newCount = after.select(finite,
        after.select(grow, after.constant(0L), after.math.add(count, after.constant(1L))),
        after.constant(0L));
    return tf.withControlDependencies(List.of(
        scale.assign(after, replica, newScale), counter.assign(after, replica, newCount))).noOp();
  }
}
