package io.inscope.modules.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A layer of several inputs (a merge: {@code add}, {@code concatenate}, ...), built from the
 * shapes of all its inputs and applied to all of them, in the order its {@code inputs} names them.
 * Its kind's spec carries {@code @InputCount}, which the loader checks.
 */
public interface MultiInputLayer extends Layer {

  /** Creates the layer's variables (if any) and returns the shape of one output example. */
  Shape build(List<Shape> inputShapes);

  /** The layer applied to a batch of each input. */
  Operand<TFloat32> call(CallContext ctx, List<Operand<TFloat32>> inputs);

  @Override
  default Shape build(Shape inputShape) {
    return build(List.of(inputShape));
  }

  @Override
  default Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    return call(ctx, List.of(input));
  }
}
