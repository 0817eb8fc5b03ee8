package io.inscope.modules.layers;

import io.inscope.configs.layers.Cropping2DSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The inner part of each image; no variables. See {@link Cropping2DSpec}. */
public final class Cropping2D extends NamedLayer {
  private final long[] crop;
  private long[] hwc;

  public Cropping2D(Cropping2DSpec spec, String name) {
    super(name);
    this.crop = Windows.pair(spec.cropping());
  }

  @Override
  public Shape build(Shape inputShape) {
    hwc = Windows.hwc(name, inputShape);
    if (2 * crop[0] >= hwc[0] || 2 * crop[1] >= hwc[1]) {
      throw new LayerShapeException(name, "cropping [" + crop[0] + ", " + crop[1] + "] leaves nothing of images "
          + inputShape + " (each side is cropped: at most (size - 1) / 2)");
    }
    return Shape.of(hwc[0] - 2 * crop[0], hwc[1] - 2 * crop[1], hwc[2]);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    // int32 begin and size: the gradient of Slice subtracts them from an int32 shape
    return tf.slice(
        Windows.nhwc(tf, input, hwc),
        tf.constant(new int[] {0, (int) crop[0], (int) crop[1], 0}),
        tf.constant(new int[] {-1, (int) (hwc[0] - 2 * crop[0]), (int) (hwc[1] - 2 * crop[1]), -1}));
  }
}
