package io.inscope.modules.layers;

import io.inscope.configs.layers.GlobalAveragePooling1DSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The mean of each channel over the steps (Keras' {@code GlobalAveragePooling1D}); see {@link GlobalAveragePooling1DSpec}. */
public final class GlobalAveragePooling1D extends GlobalPooling {
  public GlobalAveragePooling1D(GlobalAveragePooling1DSpec spec, String name) {
    super(name, 1, spec.keepdims());
  }

  @Override
  Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, Operand<TInt32> axes, boolean keepdims) {
    return mean(tf, x, axes, keepdims);
  }
}
