package io.inscope.modules.layers;

import io.inscope.configs.layers.ReshapeSpec;
import java.util.Arrays;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * Gives each example a new shape with the same number of elements (row-major order kept); creates
 * no variables. One entry of {@code target_shape} may be -1: it is inferred when the layer is built.
 *
 * <pre>
 * - reshape: {target_shape: [28, 28, 1]}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>target_shape</td><td>(required)</td><td>shape of one example, without the batch</td></tr>
 * </table>
 */
public final class Reshape extends NamedLayer {
  private final ReshapeSpec spec;
  private long[] target;

  public Reshape(ReshapeSpec spec, String name) {
    super(name);
    this.spec = spec;
  }

  @Override
  public Shape build(Shape inputShape) {
    long[] dims = spec.targetShape().stream().mapToLong(Integer::longValue).toArray();
    long known = Arrays.stream(dims).filter(d -> d != -1).reduce(1, (a, b) -> a * b);
    long elements = inputShape.size();
    int unknown = -1;
    for (int i = 0; i < dims.length; i++) {
      unknown = dims[i] == -1 ? i : unknown;
    }
    if (unknown >= 0 && elements % known == 0) {
      dims[unknown] = elements / known;
    } else if (unknown >= 0) {
      throw new LayerShapeException(
          name,
          "target_shape " + spec.targetShape() + " cannot hold the " + elements
              + " elements of the input " + inputShape + " (" + elements
              + " is not a multiple of " + known + ")");
    } else if (known != elements) {
      throw new LayerShapeException(
          name,
          "target_shape " + spec.targetShape() + " has " + known + " elements, the input "
              + inputShape + " has " + elements + " (use -1 for the dimension to infer)");
    }
    target = dims;
    return Shape.of(dims);
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    long[] batched = new long[target.length + 1];
    batched[0] = -1;
    System.arraycopy(target, 0, batched, 1, target.length);
    return ctx.tf().withSubScope(name).reshape(input, ctx.tf().constant(batched));
  }
}
