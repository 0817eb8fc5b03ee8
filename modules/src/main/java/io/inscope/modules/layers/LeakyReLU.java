package io.inscope.modules.layers;

import io.inscope.configs.layers.LeakyReLUSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.nn.LeakyRelu;
import org.tensorflow.types.TFloat32;

/** {@code max(x, negative_slope · x)} element-wise; no variables. See {@link LeakyReLUSpec}. */
public final class LeakyReLU extends NamedLayer {
  private final LeakyReLUSpec spec;

  public LeakyReLU(LeakyReLUSpec spec, String name) {
    super(name);
    this.spec = spec;
  }

  @Override
  public Shape build(Shape inputShape) {
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    return ctx.tf().withSubScope(name).nn.leakyRelu(input, LeakyRelu.alpha((float) spec.negativeSlope()));
  }
}
