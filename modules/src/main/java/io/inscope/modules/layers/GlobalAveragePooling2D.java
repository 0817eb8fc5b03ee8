package io.inscope.modules.layers;

import io.inscope.configs.layers.GlobalAveragePooling2DSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The mean of each channel over height and width (Keras' {@code GlobalAveragePooling2D}); see {@link GlobalAveragePooling2DSpec}. */
public final class GlobalAveragePooling2D extends GlobalPooling {
  public GlobalAveragePooling2D(GlobalAveragePooling2DSpec spec, String name) {
    super(name, 2, spec.keepdims());
  }

  @Override
  Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, Operand<TInt32> axes, boolean keepdims) {
    return mean(tf, x, axes, keepdims);
  }
}
