package io.inscope.modules.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Reshapes each example to one dimension (row-major order kept); creates no variables and takes no
 * keys.
 *
 * <pre>
 * - flatten
 * </pre>
 */
public final class Flatten extends NamedLayer {
  private long size;

  public Flatten(String name) {
    super(name);
  }

  @Override
  public Shape build(Shape inputShape) {
    size = inputShape.size();
    return Shape.of(size);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    return ctx.tf().withSubScope(name).reshape(input, ctx.tf().constant(new long[] {-1, size}));
  }
}
