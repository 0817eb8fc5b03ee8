package io.inscope.modules.optimizers;

import io.inscope.modules.schedules.LearningRate;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * An optimizer that counts its steps in a variable, as Keras' {@code iterations}, and changes that
 * count and any other state only after every variable's update has run. The Adam family derives
 * its bias corrections from the 1-based step {@code t = iterations + 1}, read after the gradients
 * exist, which an unrolled graph orders after the previous step's updates.
 *
 * <p>Slots are named {@code <variable>-<slot>}; every slot and state variable has one component
 * per replica, updated identically. Before the rule runs, the reduced gradients are clipped
 * ({@link Clipping}) and, with {@code weight_decay}, each variable not excluded is decayed by
 * {@code w −= η · weight_decay · w}, Keras' order. The learning rate η of the step is the schedule
 * at {@code iterations} (0 at the first step). With {@code ema}, each variable's moving average
 * (slot {@code average}) follows the updated value after every step ({@link MovingAverage}).
 */
abstract class KerasOptimizer implements Optimizer {
  final Settings settings;
  private final List<String> slotNames;
  private final Map<String, MirroredVariable<TFloat32>> slots = new HashMap<>();
  private List<MirroredVariable<TFloat32>> variables;
  private MirroredVariable<TInt64> iterations;
  private Operand<TFloat32> appliedLearningRate;
  private Op emaSwap;

  /** One step's update rule for one replica. */
  interface Rule {
    /** The update of {@code v}'s component by its reduced gradient {@code g}. */
    Op update(MirroredVariable<TFloat32> v, Operand<TFloat32> g);

    /** State assignments for the next step, built after every update. */
    default List<Op> afterUpdates(Ops after) {
      return List.of();
    }
  }

  KerasOptimizer(Settings settings, String... slotNames) {
    this.settings = settings;
    this.slotNames = List.of(slotNames);
  }

  /** The initial value of every element of slot {@code slot}; zero unless overridden. */
  float initialSlotValue(String slot) {
    return 0f;
  }

  /** Creates state beyond the slots and {@code iterations}. */
  void buildState(StrategyScope scope) {}

  /**
   * The step's rule for replica {@code replica}.
   *
   * @param t the 1-based step being applied, as a float
   * @param lr the learning rate of the step: the schedule at {@code t − 1}
   */
  abstract Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr);

  @Override
  public final void build(StrategyScope scope, List<MirroredVariable<TFloat32>> trainable) {
    if (variables != null) {
      throw new IllegalStateException("the optimizer was already built");
    }
    variables = List.copyOf(trainable);
    iterations = scope.createVariable("iterations", Shape.scalar(), TInt64.class,
        MirroredVariable.Kind.OPTIMIZER, false, (tf, shape, seed) -> tf.constant(0L));
    for (MirroredVariable<TFloat32> v : variables) {
      for (String slot : slotNames) {
        float value = initialSlotValue(slot);
        slots.put(v.name() + "-" + slot, scope.createVariable(v.name() + "-" + slot, v.shape(),
            TFloat32.class, MirroredVariable.Kind.OPTIMIZER, false,
            (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(value))));
      }
    }
    buildState(scope);
    if (settings.emaDecay() != null) {
      for (MirroredVariable<TFloat32> v : variables) {
        slots.put(v.name() + "-average", scope.createVariable(v.name() + "-average", v.shape(),
            TFloat32.class, MirroredVariable.Kind.OPTIMIZER, false,
            (tf, shape, seed) -> tf.fill(tf.constant(shape), tf.constant(0f))));
      }
      emaSwap = MovingAverage.swap(scope.tf().withSubScope("ema_swap"), variables, v -> slot(v, "average"));
    }
    settings.learningRate().build(scope);
    Ops tf = scope.tf().withSubScope("learning_rate");
    Operand<TInt64> last = tf.math.maximum(tf.math.sub(iterations.read(tf, 0), tf.constant(1L)), tf.constant(0L));
    appliedLearningRate = tf.withName("applied").identity(settings.learningRate().at(tf, 0, last));
  }

  @Override
  public final Op emaSwap() {
    return emaSwap;
  }

  @Override
  public final LearningRate learningRate() {
    return settings.learningRate();
  }

  @Override
  public final Operand<TFloat32> appliedLearningRate() {
    if (appliedLearningRate == null) {
      throw new IllegalStateException("build the optimizer before reading its learning rate");
    }
    return appliedLearningRate;
  }

  @Override
  public final Op apply(Ops tf, int replica, List<Operand<TFloat32>> gradients) {
    if (variables == null) {
      throw new IllegalStateException("build the optimizer (create its slots) before applying it");
    }
    if (gradients.size() != variables.size()) {
      throw new IllegalArgumentException(
          gradients.size() + " gradients for " + variables.size() + " variables");
    }
    Operand<TInt64> done = iterations.read(tf, replica);
    Operand<TFloat32> t = tf.dtypes.cast(tf.math.add(done, tf.constant(1L)), TFloat32.class);
    Operand<TFloat32> lr = settings.learningRate().at(tf, replica, done);
    List<Operand<TFloat32>> clipped = Clipping.apply(tf, settings, gradients);
    // Keras decays every variable before the first update reads any of them
    List<Op> decays = new ArrayList<>();
    for (MirroredVariable<TFloat32> v : variables) {
      if (settings.decays(v.name())) {
        Operand<TFloat32> factor = tf.math.mul(lr, tf.constant((float) settings.weightDecay()));
        decays.add(v.assignSub(tf, replica, tf.math.mul(v.read(tf, replica), factor)));
      }
    }
    Ops decayed = decays.isEmpty() ? tf : tf.withControlDependencies(decays);
    Rule rule = rule(decayed, replica, t, lr);
    List<Op> updates = new ArrayList<>(decays);
    for (int j = 0; j < variables.size(); j++) {
      updates.add(rule.update(variables.get(j), clipped.get(j)));
    }
    Ops after = tf.withControlDependencies(updates);
    List<Op> all = new ArrayList<>(updates);
    all.add(iterations.assignAdd(after, replica, after.constant(1L)));
    all.addAll(rule.afterUpdates(after));
    if (settings.emaDecay() != null) {
      all.addAll(MovingAverage.update(after, replica, variables, v -> slot(v, "average"), done, settings.emaDecay()));
    }
    return tf.withControlDependencies(all).noOp();
  }

  /** Slot {@code slot} of {@code v}. */
  final MirroredVariable<TFloat32> slot(MirroredVariable<TFloat32> v, String slot) {
    MirroredVariable<TFloat32> s = slots.get(v.name() + "-" + slot);
    if (s == null) {
      throw new IllegalStateException("variable '" + v.name() + "' has no slot '" + slot + "'");
    }
    return s;
  }

  static Operand<TFloat32> scalar(Ops tf, double value) {
    return tf.constant((float) value);
  }
}
