package com.acme.layers;

import io.inscope.modules.layers.CallContext;
import io.inscope.modules.layers.Layer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/** The layer of {@link DoubleItSpec}: no weights, the output has the input's shape. */
public final class DoubleIt implements Layer {
  private final DoubleItSpec spec;
  private final String name;

  public DoubleIt(DoubleItSpec spec, String name) {
    this.spec = spec;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape build(Shape inputShape) {
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    return ctx.tf().withSubScope(name).math.mul(input, ctx.tf().constant((float) spec.factor()));
  }
}
