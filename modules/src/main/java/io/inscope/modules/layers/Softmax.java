package io.inscope.modules.layers;

import io.inscope.configs.layers.SoftmaxSpec;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Max;
import org.tensorflow.op.core.Sum;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * {@code exp(x - max) / sum(exp(x - max))} along one axis of the batch (the batch is axis 0); no
 * variables. See {@link SoftmaxSpec}.
 */
public final class Softmax extends NamedLayer {
  private final SoftmaxSpec spec;
  private int axis;

  public Softmax(SoftmaxSpec spec, String name) {
    super(name);
    this.spec = spec;
  }

  @Override
  public Shape build(Shape inputShape) {
    int rank = inputShape.numDimensions() + 1;
    axis = spec.axis() < 0 ? rank + spec.axis() : spec.axis();
    if (axis <= 0 || axis >= rank) {
      throw new LayerShapeException(
          name, "axis " + spec.axis() + " is not an axis of examples " + inputShape + " (batch included, the axes are 1.."
              + (rank - 1) + " or -1..-" + (rank - 1) + ")");
    }
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    if (axis == input.shape().numDimensions() - 1) {
      return tf.nn.softmax(input);
    }
    Operand<TInt32> along = tf.constant(new int[] {axis});
    Operand<TFloat32> shifted = tf.math.sub(input, tf.stopGradient(tf.max(input, along, Max.keepDims(true))));
    Operand<TFloat32> e = tf.math.exp(shifted);
    return tf.math.div(e, tf.sum(e, along, Sum.keepDims(true)));
  }
}
