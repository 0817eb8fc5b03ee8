package io.inscope.modules.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/** Initial values of optimizer slots. */
final class Slots {
  private Slots() {}

  /**
   * A tensor shaped like {@code variable}, every element {@code value}. The shape is the variable's
   * static one, so initializing a slot never reads the (maybe not yet initialized) variable.
   */
  static <T extends TType> Operand<T> filled(Ops tf, Output<T> variable, float value) {
    return tf.fill(tf.constant(variable.shape()), tf.dtypes.cast(tf.constant(value), variable.type()));
  }
}
