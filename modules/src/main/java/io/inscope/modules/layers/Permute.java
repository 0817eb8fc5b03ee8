package io.inscope.modules.layers;

import io.inscope.configs.layers.PermuteSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** The example's axes in the order of {@code dims}; no variables. See {@link PermuteSpec}. */
public final class Permute extends NamedLayer {
  private final PermuteSpec spec;

  public Permute(PermuteSpec spec, String name) {
    super(name);
    this.spec = spec;
  }

  @Override
  public Shape build(Shape inputShape) {
    if (spec.dims().size() != inputShape.numDimensions()) {
      throw new LayerShapeException(name, "dims " + spec.dims() + " has " + spec.dims().size()
          + " axes, examples " + inputShape + " have " + inputShape.numDimensions());
    }
    long[] out = new long[spec.dims().size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = inputShape.size(spec.dims().get(i) - 1);
    }
    return Shape.of(out);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    int[] perm = new int[spec.dims().size() + 1];
    for (int i = 0; i < spec.dims().size(); i++) {
      perm[i + 1] = spec.dims().get(i);
    }
    return ctx.tf().withSubScope(name).linalg.transpose(input, ctx.tf().constant(perm));
  }
}
