package io.inscope.modules.layers;

import io.inscope.configs.layers.MaxPool1DSpec;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The maximum of each window of steps, per channel; see {@link MaxPool1DSpec}. */
public final class MaxPool1D extends Pool1D {
  public MaxPool1D(MaxPool1DSpec spec, String name) {
    super(name, spec.poolSize(), spec.strides(), spec.padding());
  }

  /** {@code MaxPool} with attributes, not {@code MaxPoolV2}, as {@link MaxPool2D}: oneDNN runs it. */
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
