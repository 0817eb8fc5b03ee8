package io.inscope.modules.schedules;

import io.inscope.configs.schedules.ReduceOnPlateauSpec;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Keras' ReduceLROnPlateau as a schedule: the rate is an optimizer variable, {@code
 * learning_rate} (checkpointed, one component per replica), that the run loop lowers between
 * steps through {@link #assign} after an evaluation ({@link Plateau} decides when).
 */
public final class ReduceOnPlateau implements LearningRate {
  private final ReduceOnPlateauSpec spec;
  private MirroredVariable<TFloat32> rate;
  private Placeholder<TFloat32> newRate;
  private Op assign;
  private Operand<TFloat32> current;

  ReduceOnPlateau(ReduceOnPlateauSpec spec) {
    this.spec = spec;
  }

  public ReduceOnPlateauSpec spec() {
    return spec;
  }

  @Override
  public void build(StrategyScope scope) {
    float initial = (float) spec.initial();
    rate = scope.createVariable("learning_rate", Shape.scalar(), TFloat32.class,
        MirroredVariable.Kind.OPTIMIZER, false, (tf, shape, seed) -> tf.constant(initial));
    Ops tf = scope.tf().withSubScope("reduce_on_plateau");
    newRate = tf.withName("new_rate").placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    List<Op> assigns = new ArrayList<>();
    for (Operand<?> c : rate.components()) {
      assigns.add(tf.assignVariableOp(c, newRate));
    }
    assign = tf.withName("assign").withControlDependencies(assigns).noOp();
    current = tf.withName("current").readVariableOp(rate.components().get(0), TFloat32.class);
  }

  @Override
  public Operand<TFloat32> at(Ops tf, int replica, Operand<TInt64> step) {
    if (rate == null) {
      throw new IllegalStateException("build reduce_on_plateau's rate variable before the step");
    }
    return rate.read(tf, replica);
  }

  /** Feed the new rate here and run {@link #assign}. */
  public Placeholder<TFloat32> newRate() {
    return newRate;
  }

  /** Sets every replica's rate to the value fed to {@link #newRate}. */
  public Op assign() {
    return assign;
  }

  /** The current rate (replica 0's). */
  public Operand<TFloat32> current() {
    return current;
  }
}
