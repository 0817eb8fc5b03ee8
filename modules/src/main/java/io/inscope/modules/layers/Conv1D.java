package io.inscope.modules.layers;

import io.inscope.configs.layers.Conv1DSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * 1-D convolution as a 2-D one over {@code [batch, 1, steps, channels]} with the kernel {@code
 * [kernel_size, channels, filters]} viewed as {@code [1, kernel_size, channels, filters]}; see
 * {@link Conv1DSpec}.
 */
public final class Conv1D extends NamedLayer {
  private final Conv1DSpec spec;
  private final LayerServices services;
  private long steps;
  private long channels;
  private long outSteps;
  private MirroredVariable<TFloat32> kernel;
  private MirroredVariable<TFloat32> bias;

  public Conv1D(Conv1DSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    long[] d = Windows.stepsChannels(name, inputShape);
    steps = d[0];
    channels = d[1];
    long window = Dilations.window(spec.kernelSize(), spec.dilationRate());
    outSteps = Windows.outputSize(name, spec.dilationRate() > 1 ? "dilated kernel" : "kernel_size", steps, window,
        spec.strides(), spec.padding());
    kernel = services.weight(
        name, "kernel", Shape.of(spec.kernelSize(), channels, spec.filters()), spec.kernelInitializer(), true);
    if (spec.useBias()) {
      bias = services.weight(name, "bias", Shape.of(spec.filters()), spec.biasInitializer(), true);
    }
    return Shape.of(outSteps, spec.filters());
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> x = tf.reshape(input, tf.constant(new long[] {-1, 1, steps, channels}));
    Operand<TFloat32> k = tf.reshape(
        ctx.replica().read(kernel), tf.constant(new long[] {1, spec.kernelSize(), channels, spec.filters()}));
    k = Dilations.kernel(tf, k, new long[] {1, spec.kernelSize(), channels, spec.filters()},
        new long[] {1, spec.dilationRate()});
    Operand<TFloat32> y = HalfCompute.conv2d(tf, ctx.float16(), x, k, List.of(1L, 1L, (long) spec.strides(), 1L),
        Windows.padding(spec.padding()));
    if (bias != null) {
      y = tf.nn.biasAdd(y, ctx.replica().read(bias));
    }
    y = tf.reshape(y, tf.constant(new long[] {-1, outSteps, spec.filters()}));
    return Activations.apply(tf, spec.activation(), y);
  }
}
