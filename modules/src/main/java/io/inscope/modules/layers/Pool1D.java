package io.inscope.modules.layers;

import io.inscope.configs.Padding;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What 1-D max and average pooling share: examples {@code [steps, channels]} pooled as images
 * {@code [1, steps, channels]} with windows {@code [1, pool_size]}; no variables.
 */
abstract class Pool1D extends NamedLayer {
  private final long window;
  private final long stride;
  private final Padding padding;
  private long steps;
  private long channels;
  private long outSteps;

  Pool1D(String name, int poolSize, Integer strides, Padding padding) {
    super(name);
    this.window = poolSize;
    this.stride = strides == null ? poolSize : strides;
    this.padding = padding;
  }

  @Override
  public Shape build(Shape inputShape) {
    long[] d = Windows.stepsChannels(name, inputShape);
    steps = d[0];
    channels = d[1];
    outSteps = Windows.outputSize(name, "pool_size", steps, window, stride, padding);
    return Shape.of(outSteps, channels);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> x = tf.reshape(input, tf.constant(new long[] {-1, 1, steps, channels}));
    Operand<TFloat32> y = pool(tf, x, new long[] {1, window}, new long[] {1, stride}, Windows.padding(padding));
    return tf.reshape(y, tf.constant(new long[] {-1, outSteps, channels}));
  }

  /** The pooling op over NHWC {@code x}. */
  abstract Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, long[] window, long[] strides, String padding);
}
