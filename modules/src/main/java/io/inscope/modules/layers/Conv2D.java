package io.inscope.modules.layers;

import io.inscope.configs.layers.Conv2DSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 2-D convolution of NHWC images: {@code activation(conv(input, kernel) + bias)}, the kernel
 * {@code [kernel_h, kernel_w, in_channels, filters]}. Examples {@code [h, w]} get one channel.
 *
 * <pre>
 * - conv2d: {filters: 32, kernel_size: 3, padding: same, activation: relu}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>filters</td><td>(required)</td><td>output channels</td></tr>
 *   <tr><td>kernel_size</td><td>(required)</td><td>n or [h, w]</td></tr>
 *   <tr><td>strides</td><td>[1, 1]</td><td>n or [h, w]</td></tr>
 *   <tr><td>padding</td><td>valid</td><td>valid (no padding) or same (output = ceil(input / stride))</td></tr>
 *   <tr><td>activation</td><td>linear</td><td>applied to the output</td></tr>
 *   <tr><td>use_bias</td><td>true</td><td>add a bias per filter</td></tr>
 *   <tr><td>kernel_initializer</td><td>glorot_uniform</td><td>fans from the receptive field</td></tr>
 *   <tr><td>bias_initializer</td><td>zeros</td><td></td></tr>
 *   <tr><td>dilation_rate</td><td>[1, 1]</td><td>n or [h, w]: spacing between the kernel's taps; needs strides 1</td></tr>
 * </table>
 */
public final class Conv2D extends NamedLayer {
  private final Conv2DSpec spec;
  private final LayerServices services;
  private long[] hwc;
  private MirroredVariable<TFloat32> kernel;
  private MirroredVariable<TFloat32> bias;

  public Conv2D(Conv2DSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    hwc = Windows.hwc(name, inputShape);
    long[] k = Windows.pair(spec.kernelSize());
    long[] rate = Windows.pair(spec.dilationRate());
    long[] out = Windows.outputSizes(name, Windows.kernelWhat(rate), hwc, Dilations.windows(k, rate),
        Windows.pair(spec.strides()), spec.padding());
    kernel =
        services.weight(
            name, "kernel", Shape.of(k[0], k[1], hwc[2], spec.filters()),
            spec.kernelInitializer(), true);
    if (spec.useBias()) {
      bias = services.weight(name, "bias", Shape.of(spec.filters()), spec.biasInitializer(), true);
    }
    return Shape.of(out[0], out[1], spec.filters());
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    long[] s = Windows.pair(spec.strides());
    Operand<TFloat32> k =
        Dilations.kernel(tf, ctx.replica().read(kernel), kernel.shape().asArray(), Windows.pair(spec.dilationRate()));
    Operand<TFloat32> y =
        HalfCompute.conv2d(tf, ctx.float16(), Windows.nhwc(tf, input, hwc), k, List.of(1L, s[0], s[1], 1L),
            Windows.padding(spec.padding()));
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.replica().read(bias));
    }
    return Activations.apply(tf, spec.activation(), y);
  }
}
