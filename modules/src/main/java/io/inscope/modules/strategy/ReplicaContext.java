package io.inscope.modules.strategy;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * One replica's view while the step is built: its index, ops placed on its device, and its
 * components of the scope's variables.
 */
public record ReplicaContext(StrategyScope scope, int index) {

  /** Ops placed on this replica's device. */
  public Ops tf() {
    return scope.replicaOps(index);
  }

  /** This replica's component of {@code v}; fails for a variable of another scope. */
  public <T extends TType> Operand<T> read(MirroredVariable<T> v) {
    scope.checkOwns(v);
    return v.component(index);
  }
}
