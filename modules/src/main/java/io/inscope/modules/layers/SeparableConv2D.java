package io.inscope.modules.layers;

import io.inscope.configs.layers.SeparableConv2DSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A depthwise convolution, then a 1x1 convolution, bias and activation; see {@link SeparableConv2DSpec}. */
public final class SeparableConv2D extends NamedLayer {
  private final SeparableConv2DSpec spec;
  private final LayerServices services;
  private long[] hwc;
  private MirroredVariable<TFloat32> depthwiseKernel;
  private MirroredVariable<TFloat32> pointwiseKernel;
  private MirroredVariable<TFloat32> bias;

  public SeparableConv2D(SeparableConv2DSpec spec, String name, LayerServices services) {
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
    depthwiseKernel = services.weight(
        name, "depthwise_kernel", Shape.of(k[0], k[1], hwc[2], m), spec.depthwiseInitializer(), true);
    pointwiseKernel = services.weight(
        name, "pointwise_kernel", Shape.of(1, 1, hwc[2] * m, spec.filters()), spec.pointwiseInitializer(), true);
    if (spec.useBias()) {
      bias = services.weight(name, "bias", Shape.of(spec.filters()), spec.biasInitializer(), true);
    }
    return Shape.of(out[0], out[1], spec.filters());
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> k = Dilations.kernel(
        tf, ctx.replica().read(depthwiseKernel), depthwiseKernel.shape().asArray(), Windows.pair(spec.dilationRate()));
    Operand<TFloat32> d = DepthwiseConv2D.depthwise(
        tf, ctx.float16(), Windows.nhwc(tf, input, hwc), k, Windows.pair(spec.strides()), Windows.padding(spec.padding()));
    Operand<TFloat32> y = HalfCompute.conv2d(tf, ctx.float16(), d, ctx.replica().read(pointwiseKernel), List.of(1L, 1L, 1L, 1L), "VALID");
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.replica().read(bias));
    }
    return Activations.apply(tf, spec.activation(), y);
  }
}
