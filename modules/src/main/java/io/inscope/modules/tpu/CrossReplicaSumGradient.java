package io.inscope.modules.tpu;

import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.RawCustomGradient;
import org.tensorflow.types.family.TNumber;

/**
 * The gradient of {@code CrossReplicaSum}, which TensorFlow defines in Python only (its C++
 * registry, which {@code Graph.addGradients} uses, has none): the gradient of a sum over replicas
 * is the sum over the same replicas of the incoming gradients, as TensorFlow's {@code
 * _cross_replica_sum_grad}; the group assignment gets zeros, which nothing reads. A synchronized batch normalization
 * inside a TPU step differentiates through it.
 */
final class CrossReplicaSumGradient {
  private static boolean registered;

  private CrossReplicaSumGradient() {}

  /** Registers the gradient once per process. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static synchronized void register() {
    if (registered) {
      return;
    }
    RawCustomGradient gradient = (tf, op, grads) -> {
      Operand<TNumber> dy = (Operand) grads.get(0);
      Operand<?> groups = op.input(1);
      // the adapter takes no null; the zeros of the constant group assignment are never read
      List<Operand<?>> out = Arrays.asList(tf.tpu.crossReplicaSum(dy, (Operand) groups), tf.zerosLike(groups));
      return out;
    };
    if (!TensorFlow.registerCustomGradient("CrossReplicaSum", gradient)) {
      throw new IllegalStateException("TensorFlow refused a gradient for CrossReplicaSum");
    }
    registered = true;
  }
}
