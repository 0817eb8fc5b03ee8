package io.inscope.modules.initializers;

import org.tensorflow.Operand;
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
}
