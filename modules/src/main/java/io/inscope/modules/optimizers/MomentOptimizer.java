package io.inscope.modules.optimizers;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.types.family.TType;

/**
 * The Adam family (Adam, Adamax, Nadam): a learning rate, two decay rates and epsilon, and a first
 * and second moment slot ({@code m}, {@code v}) per variable, starting at zero.
 */
abstract class MomentOptimizer extends CountingOptimizer {
  final float learningRate;
  final float beta1;
  final float beta2;
  final float epsilon;

  MomentOptimizer(Graph graph, float learningRate, float beta1, float beta2, float epsilon) {
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
}
