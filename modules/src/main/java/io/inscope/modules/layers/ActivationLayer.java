package io.inscope.modules.layers;

import io.inscope.configs.layers.ActivationLayerSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Applies an activation function element-wise ({@code softmax}: over the last axis); creates no
 * variables.
 *
 * <pre>
 * - activation: relu
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>activation</td><td>(required)</td><td>relu, sigmoid, tanh, softmax (last axis), gelu, elu, selu,
 *       swish, leaky_relu (slope 0.2), relu6, softplus, hard_sigmoid
 *       or linear</td></tr>
 * </table>
 */
public final class ActivationLayer extends NamedLayer {
  private final ActivationLayerSpec spec;

  public ActivationLayer(ActivationLayerSpec spec, String name) {
    super(name);
    this.spec = spec;
  }

  @Override
  public Shape build(Shape inputShape) {
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    return Activations.apply(ctx.tf().withSubScope(name), spec.activation(), input);
  }
}
