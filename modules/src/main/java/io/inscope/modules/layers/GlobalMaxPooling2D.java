package io.inscope.modules.layers;

import io.inscope.configs.layers.GlobalMaxPooling2DSpec;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** The maximum of each channel over height and width (Keras' {@code GlobalMaxPooling2D}); see {@link GlobalMaxPooling2DSpec}. */
public final class GlobalMaxPooling2D extends GlobalPooling {
  public GlobalMaxPooling2D(GlobalMaxPooling2DSpec spec, String name) {
    super(name, 2, spec.keepdims());
  }

  @Override
  Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, Operand<TInt32> axes, boolean keepdims) {
    return max(tf, x, axes, keepdims);
  }
}
