package io.inscope.modules.layers;

import io.inscope.configs.layers.ConcatenateSpec;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Joins its inputs along {@code axis}, which counts the batch dimension as Keras' does ({@code -1}
 * the last; {@code 0}, the batch, cannot be joined). Every other dimension must be equal.
 *
 * <pre>
 * - concatenate: {inputs: [a, b], axis: -1}
 * </pre>
 */
public final class Concatenate extends NamedLayer implements MultiInputLayer {
  private final ConcatenateSpec spec;
  private int axis;

  public Concatenate(ConcatenateSpec spec, String name) {
    super(name);
    this.spec = spec;
  }

  @Override
  public Shape build(List<Shape> shapes) {
    int rank = shapes.get(0).numDimensions() + 1;
    axis = spec.axis() < 0 ? rank + spec.axis() : spec.axis();
    if (axis <= 0 || axis >= rank) {
      throw new LayerShapeException(name, "concatenate axis " + spec.axis() + " is " + (axis == 0 ? "the batch axis" : "out of range")
          + " for inputs " + Merge.describe(shapes) + " (with the batch axis, rank " + rank + ")");
    }
    long[] out = shapes.get(0).asArray().clone();
    for (Shape s : shapes.subList(1, shapes.size())) {
      boolean fits = s.numDimensions() == out.length;
      for (int i = 0; fits && i < out.length; i++) {
        fits = i == axis - 1 || s.size(i) == out[i];
      }
      if (!fits) {
        throw new LayerShapeException(name, "concatenate along axis " + spec.axis()
            + " needs inputs equal in every other dimension, got " + Merge.describe(shapes));
      }
      out[axis - 1] += s.size(axis - 1);
    }
    return Shape.of(out);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, List<Operand<TFloat32>> inputs) {
    Ops tf = ctx.tf().withSubScope(name);
    return tf.concat(inputs, tf.constant(axis));
  }
}
