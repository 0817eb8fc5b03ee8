package io.inscope.modules.layers;

import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.math.Mean;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What the global poolings share: one reduction over every axis of an example but the last
 * (channels); no variables. Examples of a 2-D pooling may be {@code [height, width]} (one channel).
 */
abstract class GlobalPooling extends NamedLayer {
  private final int spatialAxes;
  private final boolean keepdims;
  private boolean addChannel;

  GlobalPooling(String name, int spatialAxes, boolean keepdims) {
    super(name);
    this.spatialAxes = spatialAxes;
    this.keepdims = keepdims;
  }

  @Override
  public Shape build(Shape inputShape) {
    long[] d = inputShape.asArray();
    addChannel = spatialAxes == 2 && d.length == 2;
    if (d.length != spatialAxes + 1 && !addChannel) {
      String expected = spatialAxes == 1 ? "[steps, channels]" : "[height, width, channels]";
      throw new LayerShapeException(
          name, "expects examples " + expected + ", got " + inputShape + " (add a reshape layer before it)");
    }
    long channels = addChannel ? 1 : d[d.length - 1];
    if (!keepdims) {
      return Shape.of(channels);
    }
    long[] out = new long[spatialAxes + 1];
    Arrays.fill(out, 1);
    out[spatialAxes] = channels;
    return Shape.of(out);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> x = addChannel ? tf.expandDims(input, tf.constant(-1)) : input;
    int[] axes = new int[spatialAxes];
    for (int i = 0; i < spatialAxes; i++) {
      axes[i] = i + 1;
    }
    return reduce(tf, x, tf.constant(axes), keepdims);
  }

  abstract Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> x, Operand<TInt32> axes, boolean keepdims);

  /** The mean over the pooled axes. */
  static Operand<TFloat32> mean(Ops tf, Operand<TFloat32> x, Operand<TInt32> axes, boolean keep) {
    return tf.math.mean(x, axes, Mean.keepDims(keep));
  }

  /** The maximum over the pooled axes. */
  static Operand<TFloat32> max(Ops tf, Operand<TFloat32> x, Operand<TInt32> axes, boolean keep) {
    return tf.max(x, axes, Max.keepDims(keep));
  }
}
