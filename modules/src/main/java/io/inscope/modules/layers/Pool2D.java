package io.inscope.modules.layers;

import io.inscope.configs.Padding;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** What max and average pooling share: window and stride sizes, shapes, NHWC input; no variables. */
abstract class Pool2D extends NamedLayer {
  private final long[] window;
  private final long[] strides;
  private final Padding padding;
  private long[] hwc;

  Pool2D(String name, List<Integer> poolSize, List<Integer> strides, Padding padding) {
    super(name);
    this.window = Windows.pair(poolSize);
    this.strides = strides == null ? window : Windows.pair(strides);
    this.padding = padding;
  }

  @Override
  public Shape build(Shape inputShape) {
    hwc = Windows.hwc(name, inputShape);
    long[] out = Windows.outputSizes(name, "pool_size", hwc, window, strides, padding);
    return Shape.of(out[0], out[1], hwc[2]);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    return pool(tf, Windows.nhwc(tf, input, hwc), window, strides, Windows.padding(padding));
  }

  /** The pooling op over NHWC {@code x}. */
  abstract Operand<TFloat32> pool(Ops tf, Operand<TFloat32> x, long[] window, long[] strides, String padding);
}
