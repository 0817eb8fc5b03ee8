package io.inscope.modules.layers;

import io.inscope.configs.layers.MaxPool2DSpec;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
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

  /**
   * TensorFlow's {@code MaxPool} op, window and strides as attributes (what Keras emits), not
   * {@code MaxPoolV2} (window and strides as tensors, what {@code tf.nn.maxPool} builds): the same
   * maxima and gradient, but only {@code MaxPool} and its gradient are rewritten to oneDNN kernels
   * ({@code _MklNativeMaxPool}, {@code _MklNativeMaxPoolGrad}); {@code MaxPoolV2} runs TensorFlow's
   * own kernels (issue 19's profile: {@code runner.jar bench --profile-cnn}).
   */
  @Override
  Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, long[] k, long[] s, String padding) {
    Operation op = tf.scope().opBuilder("MaxPool", "MaxPool")
        .addInput(x.asOutput())
        .setAttr("ksize", new long[] {1, k[0], k[1], 1})
        .setAttr("strides", new long[] {1, s[0], s[1], 1})
        .setAttr("padding", padding)
        .build();
    return op.output(0);
  }
}
