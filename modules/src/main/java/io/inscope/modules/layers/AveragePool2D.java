package io.inscope.modules.layers;

import io.inscope.configs.layers.AveragePool2DSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The mean of each window of NHWC images, per channel; creates no variables. With {@code same}
 * padding a border window averages only the values inside the image, as Keras does. Examples
 * {@code [h, w]} get one channel.
 *
 * <pre>
 * - average_pool2d: {pool_size: 2, padding: same}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>pool_size</td><td>[2, 2]</td><td>window, n or [h, w]</td></tr>
 *   <tr><td>strides</td><td>pool_size</td><td>window step, n or [h, w]</td></tr>
 *   <tr><td>padding</td><td>valid</td><td>valid or same</td></tr>
 * </table>
 */
public final class AveragePool2D extends Pool2D {
  public AveragePool2D(AveragePool2DSpec spec, String name) {
    super(name, spec.poolSize(), spec.strides(), spec.padding());
  }

  @Override
  Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, long[] k, long[] s, String padding) {
    return tf.nn.avgPool(x, List.of(1L, k[0], k[1], 1L), List.of(1L, s[0], s[1], 1L), padding);
  }
}
