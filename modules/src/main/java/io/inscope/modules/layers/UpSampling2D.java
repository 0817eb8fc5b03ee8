package io.inscope.modules.layers;

import io.inscope.configs.layers.UpSampling2DSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;

/**
 * Nearest: each pixel repeated {@code [rows, columns]} times (a tile of {@code [b, h, 1, w, 1,
 * c]}); bilinear: TensorFlow's resize with half-pixel centers, as Keras. See {@link
 * UpSampling2DSpec}.
 */
public final class UpSampling2D extends NamedLayer {
  private final UpSampling2DSpec spec;
  private final long[] size;
  private long[] hwc;

  public UpSampling2D(UpSampling2DSpec spec, String name) {
    super(name);
    this.spec = spec;
    this.size = Windows.pair(spec.size());
  }

  @Override
  public Shape build(Shape inputShape) {
    hwc = Windows.hwc(name, inputShape);
    return Shape.of(hwc[0] * size[0], hwc[1] * size[1], hwc[2]);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> x = Windows.nhwc(tf, input, hwc);
    long h = hwc[0] * size[0];
    long w = hwc[1] * size[1];
    if (spec.interpolation() == UpSampling2DSpec.Interpolation.BILINEAR) {
      return tf.image.resizeBilinear(x, tf.constant(new int[] {(int) h, (int) w}), ResizeBilinear.halfPixelCenters(true));
    }
    Operand<TFloat32> six = tf.reshape(x, tf.constant(new long[] {-1, hwc[0], 1, hwc[1], 1, hwc[2]}));
    Operand<TFloat32> tiled = tf.tile(six, tf.constant(new long[] {1, 1, size[0], 1, size[1], 1}));
    return tf.reshape(tiled, tf.constant(new long[] {-1, h, w, hwc[2]}));
  }
}
