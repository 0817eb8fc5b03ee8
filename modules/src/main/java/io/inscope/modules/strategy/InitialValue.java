package io.inscope.modules.strategy;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * Builds a variable's initial value. Called once per logical variable, on replica 0's device in the
 * init scope; every other component is assigned from that same tensor.
 */
@FunctionalInterface
public interface InitialValue<T extends TType> {
  /**
   * @param tf ops placed on replica 0's device, in the init scope
   * @param seed a seed derived from the job seed and the variable's name
   */
  Operand<T> build(Ops tf, Shape shape, long seed);
}
