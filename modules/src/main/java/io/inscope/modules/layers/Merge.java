package io.inscope.modules.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * An element-wise merge of two or more inputs ({@code add}, {@code subtract}, {@code multiply},
 * {@code average}, {@code maximum}), as Keras' {@code Merge} layers: the inputs have the same rank,
 * and each dimension is equal or 1 (a 1 broadcasts), so {@code [4, 8]} and {@code [1, 8]} give
 * {@code [4, 8]} while {@code [8]} and {@code [9]} are refused when the model is built.
 */
public final class Merge extends NamedLayer implements MultiInputLayer {
  /** What the merge computes from its inputs. */
  public enum Op {
    ADD, SUBTRACT, MULTIPLY, AVERAGE, MAXIMUM
  }

  private final Op op;
  private final String kind;

  public Merge(Op op, String kind, String name) {
    super(name);
    this.op = op;
    this.kind = kind;
  }

  @Override
  public Shape build(List<Shape> shapes) {
    Shape out = shapes.get(0);
    for (Shape s : shapes.subList(1, shapes.size())) {
      if (s.numDimensions() != out.numDimensions()) {
        throw new LayerShapeException(name, kind + " needs inputs of one rank, got " + describe(shapes));
      }
      long[] dims = out.asArray().clone();
      for (int i = 0; i < dims.length; i++) {
        long a = dims[i];
        long b = s.size(i);
        if (a != b && a != 1 && b != 1) {
          throw new LayerShapeException(name, kind + " needs inputs of equal shapes (a dimension of 1 broadcasts), got "
              + describe(shapes));
        }
        dims[i] = a == 1 ? b : a;
      }
      out = Shape.of(dims);
    }
    return out;
  }

  static String describe(List<Shape> shapes) {
    List<String> parts = new ArrayList<>();
    shapes.forEach(s -> parts.add(s.toString()));
    return String.join(" and ", parts);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, List<Operand<TFloat32>> inputs) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> y = inputs.get(0);
    for (Operand<TFloat32> x : inputs.subList(1, inputs.size())) {
      y = switch (op) {
        case ADD, AVERAGE -> tf.math.add(y, x);
        case SUBTRACT -> tf.math.sub(y, x);
        case MULTIPLY -> tf.math.mul(y, x);
        case MAXIMUM -> tf.math.maximum(y, x);
      };
    }
    return op == Op.AVERAGE ? tf.math.mul(y, tf.constant(1f / inputs.size())) : y;
  }
}
