package io.inscope.modules.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.train.BatchMatMul;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The layers' matmuls and convolutions under {@code precision: mixed_float16}: the input and the
 * weight (a float32 variable, cast when read, as Keras' {@code AutoCastVariable}) are cast to
 * float16, the op runs in float16, and its result is cast back to float32, so the element-wise ops
 * after it (bias, activation), softmax, normalization statistics and the loss stay float32. Every
 * value that crosses a layer boundary is rounded to float16 as under Keras' {@code mixed_float16}
 * policy, and the gradients of these ops run in float16 too (the gradient of a cast is a cast), which
 * is where the dynamic loss scale guards against underflow and overflow. With {@code half} false
 * each method is the float32 op.
 */
final class HalfCompute {
  private HalfCompute() {}

  static Operand<TFloat32> matMul(Ops tf, boolean half, Operand<TFloat32> a, Operand<TFloat32> b, MatMul.Options... options) {
    if (!half) {
      return tf.linalg.matMul(a, b, options);
    }
    return tf.dtypes.cast(tf.linalg.matMul(f16(tf, a), f16(tf, b), options), TFloat32.class);
  }

  static Operand<TFloat32> batchMatMul(Ops tf, boolean half, Operand<TFloat32> a, Operand<TFloat32> b, BatchMatMul.Options... options) {
    if (!half) {
      return tf.train.batchMatMul(a, b, TFloat32.class, options);
    }
    return tf.dtypes.cast(tf.train.batchMatMul(f16(tf, a), f16(tf, b), TFloat16.class, options), TFloat32.class);
  }

  static Operand<TFloat32> conv2d(Ops tf, boolean half, Operand<TFloat32> x, Operand<TFloat32> kernel, List<Long> strides, String padding) {
    if (!half) {
      return tf.nn.conv2d(x, kernel, strides, padding);
    }
    return tf.dtypes.cast(tf.nn.conv2d(f16(tf, x), f16(tf, kernel), strides, padding), TFloat32.class);
  }

  static Operand<TFloat32> depthwise(Ops tf, boolean half, Operand<TFloat32> x, Operand<TFloat32> kernel, List<Long> strides, String padding) {
    if (!half) {
      return tf.nn.depthwiseConv2dNative(x, kernel, strides, padding);
    }
    return tf.dtypes.cast(tf.nn.depthwiseConv2dNative(f16(tf, x), f16(tf, kernel), strides, padding), TFloat32.class);
  }

  /** The transposed convolution ({@code Conv2DBackpropInput}) of {@code x} to {@code sizes}. */
  static Operand<TFloat32> conv2dTranspose(Ops tf, boolean half, Operand<TInt32> sizes, Operand<TFloat32> kernel, Operand<TFloat32> x,
      List<Long> strides, String padding) {
    if (!half) {
      return tf.nn.conv2dBackpropInput(sizes, kernel, x, strides, padding);
    }
    return tf.dtypes.cast(tf.nn.conv2dBackpropInput(sizes, f16(tf, kernel), f16(tf, x), strides, padding), TFloat32.class);
  }

  private static Operand<TFloat16> f16(Ops tf, Operand<TFloat32> x) {
    return tf.dtypes.cast(x, TFloat16.class);
  }
}
