package io.inscope.modules.layers;

import io.inscope.configs.layers.MaxPool2DSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The maximum of each window of NHWC images, per channel; creates no variables. Examples
 * {@code [h, w]} get one channel.
 *
 * <pre>
 * - max_pool2d: {pool_size: 2}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>pool_size</td><td>[2, 2]</td><td>window, n or [h, w]</td></tr>
 *   <tr><td>strides</td><td>pool_size</td><td>window step, n or [h, w]</td></tr>
 *   <tr><td>padding</td><td>valid</td><td>valid or same (windows at the border see fewer values)</td></tr>
 * </table>
 */
public final class MaxPool2D implements Layer {
  private final MaxPool2DSpec spec;
  private final String name;
  private long[] hwc;

  public MaxPool2D(MaxPool2DSpec spec, String name) {
    this.spec = spec;
    this.name = name;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Shape build(Shape inputShape) {
    hwc = Windows.hwc(name, inputShape);
    long[] out =
        Windows.outputSizes(name, "pool_size", hwc, window(), strides(), spec.padding());
    return Shape.of(out[0], out[1], hwc[2]);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    long[] k = window();
    long[] s = strides();
    return tf.nn.maxPool(
        Windows.nhwc(tf, input, hwc),
        tf.constant(new int[] {1, (int) k[0], (int) k[1], 1}),
        tf.constant(new int[] {1, (int) s[0], (int) s[1], 1}),
        Windows.padding(spec.padding()));
  }

  private long[] window() {
    return Windows.pair(spec.poolSize());
  }

  private long[] strides() {
    return spec.strides() == null ? window() : Windows.pair(spec.strides());
  }
}
