package io.inscope.modules.layers;

import io.inscope.configs.layers.AveragePool1DSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The mean of each window of steps, per channel (padding excluded); see {@link AveragePool1DSpec}. */
public final class AveragePool1D extends Pool1D {
  public AveragePool1D(AveragePool1DSpec spec, String name) {
    super(name, spec.poolSize(), spec.strides(), spec.padding());
  }

  @Override
  Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, long[] k, long[] s, String padding) {
    return tf.nn.avgPool(x, List.of(1L, k[0], k[1], 1L), List.of(1L, s[0], s[1], 1L), padding);
  }
}
