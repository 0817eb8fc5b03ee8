package io.inscope.modules.layers;

import io.inscope.configs.layers.DepthwiseConv2DSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** TensorFlow's depthwise convolution, plus bias and activation; see {@link DepthwiseConv2DSpec}. */
public final class DepthwiseConv2D extends NamedLayer {
  private final DepthwiseConv2DSpec spec;
  private final LayerServices services;
  private long[] hwc;
  private MirroredVariable<TFloat32> kernel;
  private MirroredVariable<TFloat32> bias;

  public DepthwiseConv2D(DepthwiseConv2DSpec spec, String name, LayerServices services) {
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
    long m = spec.depthMultiplier();
    kernel = services.weight(name, "kernel", Shape.of(k[0], k[1], hwc[2], m), spec.depthwiseInitializer(), true);
    if (spec.useBias()) {
      bias = services.weight(name, "bias", Shape.of(hwc[2] * m), spec.biasInitializer(), true);
    }
    return Shape.of(out[0], out[1], hwc[2] * m);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> k =
        Dilations.kernel(tf, ctx.replica().read(kernel), kernel.shape().asArray(), Windows.pair(spec.dilationRate()));
    Operand<TFloat32> y = depthwise(tf, ctx.float16(), Windows.nhwc(tf, input, hwc), k, Windows.pair(spec.strides()),
        Windows.padding(spec.padding()));
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.replica().read(bias));
    }
    return Activations.apply(tf, spec.activation(), y);
  }

  /** The depthwise convolution of NHWC {@code x} with {@code kernel [kh, kw, in, m]}. */
  static Operand<TFloat32> depthwise(Ops tf, boolean half, Operand<TFloat32> x, Operand<TFloat32> kernel, long[] s, String padding) {
    return HalfCompute.depthwise(tf, half, x, kernel, List.of(1L, s[0], s[1], 1L), padding);
  }
}
