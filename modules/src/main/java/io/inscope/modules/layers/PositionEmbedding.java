package io.inscope.modules.layers;

import io.inscope.configs.layers.PositionEmbeddingSpec;
import io.inscope.modules.strategy.MirroredVariable;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The rows {@code 0..steps-1} of {@code embeddings [sequence_length, features]}, broadcast over the
 * batch; the input's values are not used, only its shape. See {@link PositionEmbeddingSpec}.
 */
public final class PositionEmbedding extends NamedLayer {
  private final PositionEmbeddingSpec spec;
  private final LayerServices services;
  private long steps;
  private MirroredVariable<TFloat32> embeddings;

  public PositionEmbedding(PositionEmbeddingSpec spec, String name, LayerServices services) {
    super(name);
    this.spec = spec;
    this.services = services;
  }

  @Override
  public Shape build(Shape inputShape) {
    if (inputShape.numDimensions() != 2) {
      throw new LayerShapeException(
          name, "expects examples [steps, features], got " + inputShape + " (add a reshape layer before it)");
    }
    steps = inputShape.size(0);
    if (steps > spec.sequenceLength()) {
      throw new LayerShapeException(
          name, "examples have " + steps + " steps, more than sequence_length " + spec.sequenceLength());
    }
    embeddings = services.weight(
        name, "embeddings", Shape.of(spec.sequenceLength(), inputShape.size(1)), spec.initializer(), true);
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    Operand<TFloat32> table = ctx.replica().read(embeddings);
    // int32 begin and size: the gradient of Slice subtracts them from an int32 shape
    Operand<TFloat32> rows = steps == spec.sequenceLength()
        ? table
        : tf.slice(table, tf.constant(new int[] {0, 0}), tf.constant(new int[] {(int) steps, -1}));
    return tf.broadcastTo(rows, tf.shape(input));
  }
}
