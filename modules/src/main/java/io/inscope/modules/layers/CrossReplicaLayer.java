package io.inscope.modules.layers;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A layer whose output on one replica can depend on every replica's input, as synchronized batch
 * normalization does in training (it normalizes with the statistics of the global batch). {@link
 * Model#call(List, List)} applies the model layer by layer, each layer on every replica before the
 * next, and gives such a layer all replicas at once.
 *
 * <p>A value it shares across replicas goes through {@code scope.strategy().allReduceMean}, whose
 * ops TensorFlow differentiates: the step's gradients (of the whole global batch's loss) then flow
 * back through the reduction to every replica's input.
 */
public interface CrossReplicaLayer extends Layer {

  /**
   * The layer applied on every replica.
   *
   * @param contexts one per replica of the step, in replica order
   * @param inputs each replica's input, in the same order
   * @return each replica's output, in the same order
   */
  List<Operand<TFloat32>> call(List<CallContext> contexts, List<Operand<TFloat32>> inputs);

  @Override
  default Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    return call(List.of(ctx), List.of(input)).get(0);
  }
}
