package io.inscope.modules.optimizers;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ApplyAdaMax;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Keras' Adamax: {@code m = β1 m + (1−β1) g}, {@code u = max(β2 u, |g|)},
 * {@code w −= η m / ((1−β1^t) (u + ε))}, through TensorFlow's fused {@code ApplyAdaMax} kernel,
 * which computes exactly this. Used instead of tensorflow-framework's {@code Adamax}, whose beta
 * power can advance before the updates read it (see {@link CountingOptimizer}).
 */
final class Adamax extends CountingOptimizer {
  private final float learningRate;
  private final float beta1;
  private final float beta2;
  private final float epsilon;
  private Operand<TFloat32> beta1Power;

  Adamax(Graph graph, float learningRate, float beta1, float beta2, float epsilon) {
    super(graph);
    this.learningRate = learningRate;
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }

  @Override
  protected void createState(List<Output<? extends TType>> variables) {
    for (Output<? extends TType> v : variables) {
      zeros(v, "m");
      zeros(v, "v");
    }
  }

  @Override
  protected Optional<Op> prepare(String scopeName) {
    super.prepare(scopeName);
    beta1Power = tf.math.pow(tf.constant(beta1), step());
    return Optional.empty();
  }

  @Override
  protected <T extends TType> Op applyDense(Ops deps, Output<T> gradient, Output<T> variable) {
    Class<T> type = gradient.type();
    return ApplyAdaMax.create(
        deps.scope(),
        variable,
        getSlot(variable, "m").orElseThrow(),
        getSlot(variable, "v").orElseThrow(),
        deps.dtypes.cast(beta1Power, type),
        deps.dtypes.cast(deps.constant(learningRate), type),
        deps.dtypes.cast(deps.constant(beta1), type),
        deps.dtypes.cast(deps.constant(beta2), type),
        deps.dtypes.cast(deps.constant(epsilon), type),
        gradient,
        ApplyAdaMax.useLocking(true));
  }

  @Override
  public String getOptimizerName() {
    return "Adamax";
  }
}
