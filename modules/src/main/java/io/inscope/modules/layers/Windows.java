package io.inscope.modules.layers;

import io.inscope.configs.Padding;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Shape arithmetic of the layers that slide a window over NHWC images (convolution, pooling). */
final class Windows {
  private Windows() {}

  /** One example as {@code [height, width, channels]}; an example {@code [height, width]} gets one channel. */
  static long[] hwc(String layer, Shape example) {
    long[] d = example.asArray();
    if (d.length == 2) {
      return new long[] {d[0], d[1], 1};
    }
    if (d.length == 3) {
      return d;
    }
    throw new LayerShapeException(
        layer,
        "expects examples [height, width] or [height, width, channels], got " + example
            + " (add a reshape layer before it)");
  }

  /** One example as {@code [steps, channels]}, for the 1-D convolution and pooling layers. */
  static long[] stepsChannels(String layer, Shape example) {
    if (example.numDimensions() != 2) {
      throw new LayerShapeException(
          layer, "expects examples [steps, channels], got " + example + " (add a reshape layer before it)");
    }
    return example.asArray();
  }

  /** {@code [h, w]} from a spec pair, which may also hold a single value for both. */
  static long[] pair(List<Integer> values) {
    return new long[] {values.get(0), values.get(values.size() == 1 ? 0 : 1)};
  }

  /** The output length of one spatial axis, as TensorFlow computes it. */
  static long outputSize(String layer, String what, long in, long window, long stride, Padding padding) {
    if (padding == Padding.SAME) {
      return (in + stride - 1) / stride;
    }
    if (window > in) {
      throw new LayerShapeException(
          layer,
          what + " " + window + " is larger than the input's " + in
              + " with padding valid (use padding: same or a smaller " + what + ")");
    }
    return (in - window) / stride + 1;
  }

  /** {@code [h, w]} output sizes for a window {@code [kh, kw]} moved by {@code [sh, sw]}. */
  static long[] outputSizes(
      String layer, String what, long[] hwc, long[] window, long[] strides, Padding padding) {
    return new long[] {
      outputSize(layer, what, hwc[0], window[0], strides[0], padding),
      outputSize(layer, what, hwc[1], window[1], strides[1], padding)
    };
  }

  /** How an error names the window of a kernel at {@code rate}: "kernel_size", or "dilated kernel". */
  static String kernelWhat(long[] rate) {
    return rate[0] > 1 || rate[1] > 1 ? "dilated kernel" : "kernel_size";
  }

  static String padding(Padding padding) {
    return padding == Padding.SAME ? "SAME" : "VALID";
  }

  /** The batch as {@code [batch, h, w, c]}, adding the channel axis of rank-2 examples. */
  static Operand<TFloat32> nhwc(Ops tf, Operand<TFloat32> input, long[] hwc) {
    if (input.shape().numDimensions() == 4) {
      return input;
    }
    return tf.reshape(input, tf.constant(new long[] {-1, hwc[0], hwc[1], hwc[2]}));
  }
}
