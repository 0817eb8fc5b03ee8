package io.inscope.modules.layers;

import io.inscope.configs.layers.DenseSpec;
import io.inscope.modules.strategy.MirroredVariable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * {@code activation(input · kernel + bias)} over the last axis. The kernel is {@code [in, units]},
 * {@code in} taken from the input's last dimension when the layer is built.
 *
 * <pre>
 * - dense: {units: 128, activation: relu}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>units</td><td>(required)</td><td>output width</td></tr>
 *   <tr><td>activation</td><td>linear</td><td>applied to the output</td></tr>
 *   <tr><td>use_bias</td><td>true</td><td>add a bias per unit</td></tr>
 *   <tr><td>kernel_initializer</td><td>glorot_uniform</td><td>initializer of the kernel</td></tr>
 *   <tr><td>bias_initializer</td><td>zeros</td><td>initializer of the bias</td></tr>
 * </table>
 */
public final class Dense extends NamedLayer {
  private final DenseSpec spec;
  private final LayerServices services;
  private MirroredVariable<TFloat32> kernel;
  private MirroredVariable<TFloat32> bias;

  public Dense(DenseSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    long in = inputShape.size(inputShape.numDimensions() - 1);
    kernel =
        services.weight(name, "kernel", Shape.of(in, spec.units()), spec.kernelInitializer(), true);
    if (spec.useBias()) {
      bias = services.weight(name, "bias", Shape.of(spec.units()), spec.biasInitializer(), true);
    }
    long[] out = inputShape.asArray().clone();
    out[out.length - 1] = spec.units();
    return Shape.of(out);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> w = ctx.replica().read(kernel);
    Operand<TFloat32> y;
    if (input.shape().numDimensions() == 2) {
      y = HalfCompute.matMul(tf, ctx.float16(), input, w);
    } else {
      // a dense layer on [batch, ..., in] applies to the last axis, as Keras does
      Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, kernel.shape().size(0)}));
      Operand<TFloat32> prod = HalfCompute.matMul(tf, ctx.float16(), flat, w);
      long[] outShape = input.shape().asArray().clone();
      outShape[0] = -1;
      outShape[outShape.length - 1] = spec.units();
      y = tf.reshape(prod, tf.constant(outShape));
    }
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.replica().read(bias));
    }
    return Activations.apply(tf, spec.activation(), y);
  }
}
