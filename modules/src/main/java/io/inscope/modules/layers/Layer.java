package io.inscope.modules.layers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * A layer: built once from the shape of its input (creating its variables through the open
 * strategy scope), then applied once per replica.
 */
public interface Layer {

  /** The unique layer name ({@code dense}, {@code dense_1}); prefixes its variable names. */
  String name();

  /**
   * Creates the layer's variables for inputs of {@code inputShape} (one example, no batch
   * dimension) and returns the shape of one output example. Called exactly once, inside the scope.
   */
  Shape build(Shape inputShape);

  /** The layer applied to a batch {@code input} of shape {@code [batch, inputShape...]}. */
  Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input);
}
