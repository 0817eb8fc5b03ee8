package io.inscope.modules.layers;

import io.inscope.configs.layers.GlobalMaxPooling1DSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The maximum of each channel over the steps (Keras' {@code GlobalMaxPooling1D}); see {@link GlobalMaxPooling1DSpec}. */
public final class GlobalMaxPooling1D extends GlobalPooling {
  public GlobalMaxPooling1D(GlobalMaxPooling1DSpec spec, String name) {
    super(name, 1, spec.keepdims());
  }

  @Override
  Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, Operand<TInt32> axes, boolean keepdims) {
    return max(tf, x, axes, keepdims);
  }
}
