package io.inscope.modules.layers;

import io.inscope.configs.layers.ZeroPadding2DSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Zeros around each image; no variables. See {@link ZeroPadding2DSpec}. */
public final class ZeroPadding2D extends NamedLayer {
  private final long[] pad;
  private long[] hwc;

  public ZeroPadding2D(ZeroPadding2DSpec spec, String name) {
    super(name);
    this.pad = Windows.pair(spec.padding());
  }

  @Override
  public Shape build(Shape inputShape) {
    hwc = Windows.hwc(name, inputShape);
    return Shape.of(hwc[0] + 2 * pad[0], hwc[1] + 2 * pad[1], hwc[2]);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    int h = (int) pad[0];
    int w = (int) pad[1];
    return tf.pad(Windows.nhwc(tf, input, hwc), tf.constant(new int[][] {{0, 0}, {h, h}, {w, w}, {0, 0}}), tf.constant(0f));
  }
}
