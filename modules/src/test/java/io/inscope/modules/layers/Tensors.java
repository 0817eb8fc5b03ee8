package io.inscope.modules.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Float arrays to and from tensors (the caller closes the tensors). */
final class Tensors {
  private Tensors() {}

  static TFloat32 of(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  static float[] floats(TFloat32 t) {
    float[] a = new float[(int) t.size()];
    t.copyTo(DataBuffers.of(a, false, false));
    return a;
  }

  static Operand<TInt32> allAxes(Ops tf, Operand<?> x) {
    int[] axes = new int[x.shape().numDimensions()];
    for (int i = 0; i < axes.length; i++) {
      axes[i] = i;
    }
    return tf.constant(axes);
  }
}
