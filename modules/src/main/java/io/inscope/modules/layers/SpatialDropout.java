package io.inscope.modules.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Dropout of whole channels: the mask is drawn with shape {@code [batch, 1, ..., 1, channels]} and
 * broadcast over the example's other axes; the seed as {@link Dropout}'s (layer, replica, step).
 */
abstract class SpatialDropout extends NamedLayer {
  private final double rate;
  private final int rank;

  SpatialDropout(String name, double rate, int rank) {
    super(name);
    this.rate = rate;
    this.rank = rank;
  }

  @Override
  public Shape build(Shape inputShape) {
    if (inputShape.numDimensions() != rank) {
      String expected = rank == 2 ? "[steps, channels]" : "[height, width, channels]";
      throw new LayerShapeException(
          name, "expects examples " + expected + ", got " + inputShape + " (add a reshape layer before it)");
    }
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    if (!ctx.training() || rate == 0) {
      return input;
    }
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TInt32> shape = tf.shape(input);
    List<Operand<TInt32>> dims = new ArrayList<>();
    dims.add(tf.gather(shape, tf.constant(new int[] {0}), tf.constant(0)));
    for (int i = 0; i < rank - 1; i++) {
      dims.add(tf.constant(new int[] {1}));
    }
    dims.add(tf.gather(shape, tf.constant(new int[] {rank}), tf.constant(0)));
    return Dropout.drop(ctx, tf, name, rate, input, tf.concat(dims, tf.constant(0)));
  }
}
