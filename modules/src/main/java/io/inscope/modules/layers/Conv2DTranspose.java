package io.inscope.modules.layers;

import io.inscope.configs.Padding;
import io.inscope.configs.layers.Conv2DTransposeSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * TensorFlow's {@code Conv2DBackpropInput} (the transposed convolution) with the kernel {@code [kh,
 * kw, filters, channels]}, plus bias and activation; see {@link Conv2DTransposeSpec}.
 */
public final class Conv2DTranspose extends NamedLayer {
  private final Conv2DTransposeSpec spec;
  private final LayerServices services;
  private long[] hwc;
  private long[] out;
  private MirroredVariable<TFloat32> kernel;
  private MirroredVariable<TFloat32> bias;

  public Conv2DTranspose(Conv2DTransposeSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    hwc = Windows.hwc(name, inputShape);
    long[] k = Windows.pair(spec.kernelSize());
    long[] s = Windows.pair(spec.strides());
    out = new long[2];
    for (int i = 0; i < 2; i++) {
      // Keras' deconv_output_length without output_padding
      out[i] = spec.padding() == Padding.SAME ? hwc[i] * s[i] : (hwc[i] - 1) * s[i] + Math.max(k[i], s[i]);
    }
    kernel = services.weight(
        name, "kernel", Shape.of(k[0], k[1], spec.filters(), hwc[2]), spec.kernelInitializer(), true);
    if (spec.useBias()) {
      bias = services.weight(name, "bias", Shape.of(spec.filters()), spec.biasInitializer(), true);
    }
    return Shape.of(out[0], out[1], spec.filters());
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> x = Windows.nhwc(tf, input, hwc);
    long[] s = Windows.pair(spec.strides());
    Operand<TInt32> batch = tf.gather(tf.shape(x), tf.constant(new int[] {0}), tf.constant(0));
    Operand<TInt32> sizes = tf.concat(
        List.of(batch, tf.constant(new int[] {(int) out[0], (int) out[1], spec.filters()})), tf.constant(0));
    Operand<TFloat32> y = HalfCompute.conv2dTranspose(tf, ctx.float16(),
        sizes, ctx.replica().read(kernel), x, List.of(1L, s[0], s[1], 1L), Windows.padding(spec.padding()));
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.replica().read(bias));
    }
    return Activations.apply(tf, spec.activation(), y);
  }
}
