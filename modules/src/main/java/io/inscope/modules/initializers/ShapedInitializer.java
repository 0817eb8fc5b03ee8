package io.inscope.modules.initializers;

import org.tensorflow.Operand;
import org.tensorflow.framework.initializers.Initializer;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * An initializer that needs the variable's static shape (fans, matrix sizes). tensorflow-framework's
 * variance-scaling and orthogonal initializers read the shape by running a {@code Session} on the
 * graph being built, which also runs every initializer already in it, with a default session
 * configuration that lacks the replicas' logical devices; these read the shape from Java instead.
 */
public interface ShapedInitializer {
  <T extends TType> Operand<T> call(Ops tf, Shape shape, Class<T> type);

  /** A tensorflow-framework initializer that needs no shape from Java (constants, plain draws). */
  static ShapedInitializer of(Initializer<?> framework) {
    return new ShapedInitializer() {
      @Override
      @SuppressWarnings("unchecked")
      public <T extends TType> Operand<T> call(Ops tf, Shape shape, Class<T> type) {
        return ((Initializer<T>) framework).call(tf, tf.constant(shape), type);
      }
    };
  }
}
