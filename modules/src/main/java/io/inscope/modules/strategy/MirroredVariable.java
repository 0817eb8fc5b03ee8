package io.inscope.modules.strategy;

import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.family.TType;

/**
 * One logical variable: one component per replica, all assigned from one initial value. Only a
 * {@link StrategyScope} creates them.
 *
 * @param name the logical name, also the checkpoint key (replica 0's component has this name)
 * @param kind what the variable is for
 * @param components one per replica, on that replica's device (or one, shared by all)
 * @param scope the scope that created it
 */
public record MirroredVariable<T extends TType>(
    String name,
    Shape shape,
    Class<T> type,
    Kind kind,
    boolean trainable,
    List<Variable<T>> components,
    StrategyScope scope) {

  /** What created the variable. */
  public enum Kind {
    /** a layer weight */
    WEIGHT,
    /** an entry of the job's {@code variables} */
    DECLARED,
    /** an optimizer slot or optimizer state (moments, accumulators, beta powers) */
    OPTIMIZER
  }

  public MirroredVariable {
    components = List.copyOf(components);
  }

  /** Replica {@code replica}'s component; a shared variable has one component for all replicas. */
  public Variable<T> component(int replica) {
    return components.get(shared() ? 0 : replica);
  }

  /** One copy used by every replica (optimizer state such as Adam's beta powers). */
  public boolean shared() {
    return components.size() == 1 && scope.replicas() > 1;
  }

  public long elements() {
    return shape.size();
  }
}
