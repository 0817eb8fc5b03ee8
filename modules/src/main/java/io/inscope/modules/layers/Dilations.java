package io.inscope.modules.layers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Dilated convolution kernels: a kernel {@code [kh, kw, a, b]} with {@code rate - 1} zero taps
 * between its taps, {@code [(kh - 1) dh + 1, (kw - 1) dw + 1, a, b]}, which an ordinary (or
 * depthwise) convolution applies as the dilated one: the same sums as Keras' {@code dilation_rate},
 * with and without strides. (The Conv2D op's own {@code dilations} attribute crashed the oneDNN
 * kernels of TensorFlow Java 1.1.0 with SIGILL on this CPU when conv1d was written; one way for
 * every kind keeps them alike.) The price: the convolution multiplies the zero taps too, e.g.
 * 25 taps instead of 9 for a 3x3 kernel at rate 2.
 */
final class Dilations {
  private Dilations() {}

  /** The window a kernel of {@code size} taps covers at {@code rate}. */
  static long window(long size, long rate) {
    return (size - 1) * rate + 1;
  }

  /** {@code [kh, kw]} windows of a kernel {@code [kh, kw]} at {@code rate [dh, dw]}. */
  static long[] windows(long[] size, long[] rate) {
    return new long[] {window(size[0], rate[0]), window(size[1], rate[1])};
  }

  /** {@code k} of shape {@code [kh, kw, a, b]} dilated by {@code rate [dh, dw]} (itself when both are 1). */
  static Operand<TFloat32> kernel(Ops tf, Operand<TFloat32> k, long[] shape, long[] rate) {
    long kh = shape[0];
    long kw = shape[1];
    long a = shape[2];
    long b = shape[3];
    if (rate[0] > 1) {
      k = spread(tf, k, 1, kh, kw * a * b, rate[0]);
      kh = window(kh, rate[0]);
    }
    if (rate[1] > 1) {
      k = spread(tf, k, kh, kw, a * b, rate[1]);
      kw = window(kw, rate[1]);
    }
    return tf.reshape(k, tf.constant(new long[] {kh, kw, a, b}));
  }

  /**
   * {@code x} viewed as {@code [outer, taps, 1, inner]} with {@code rate - 1} zeros after each
   * tap, cut after the last tap: {@code [outer, (taps - 1) rate + 1, inner]}.
   */
  private static Operand<TFloat32> spread(Ops tf, Operand<TFloat32> k, long outer, long taps, long inner, long rate) {
    Operand<TFloat32> x = tf.reshape(k, tf.constant(new long[] {outer, taps, 1, inner}));
    Operand<TFloat32> padded =
        tf.pad(x, tf.constant(new int[][] {{0, 0}, {0, 0}, {0, (int) rate - 1}, {0, 0}}), tf.constant(0f));
    Operand<TFloat32> flat = tf.reshape(padded, tf.constant(new long[] {outer, taps * rate, inner}));
    // int32 begin and size: the C API's gradient of Slice builds int32 shapes
    return tf.slice(flat, tf.constant(new int[] {0, 0, 0}),
        tf.constant(new int[] {(int) outer, (int) window(taps, rate), (int) inner}));
  }
}
