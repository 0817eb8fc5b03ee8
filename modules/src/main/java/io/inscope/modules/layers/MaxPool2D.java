package io.inscope.modules.layers;

import io.inscope.configs.layers.MaxPool2DSpec;
import org.tensorflow.Operand;
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
public final class MaxPool2D extends Pool2D {
  public MaxPool2D(MaxPool2DSpec spec, String name) {
    super(name, spec.poolSize(), spec.strides(), spec.padding());
  }

  @Override
  Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, long[] k, long[] s, String padding) {
    return tf.nn.maxPool(
        x,
        tf.constant(new int[] {1, (int) k[0], (int) k[1], 1}),
        tf.constant(new int[] {1, (int) s[0], (int) s[1], 1}),
        padding);
  }
}
