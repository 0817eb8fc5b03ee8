package io.inscope.modules.layers;

import io.inscope.configs.layers.MaxPool1DSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The maximum of each window of steps, per channel; see {@link MaxPool1DSpec}. */
public final class MaxPool1D extends Pool1D {
  public MaxPool1D(MaxPool1DSpec spec, String name) {
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
