package io.inscope.modules.optimizers;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.AdaGrad;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TType;

/**
 * Keras' Adagrad: {@code a += g²}, {@code w −= η g / √(a + ε)} with Keras' fixed {@code ε = 1e-7},
 * the accumulator starting at {@code initial_accumulator_value}. tensorflow-framework's
 * {@code AdaGrad} (kernel {@code ApplyAdagrad}) divides by {@code √a} with no epsilon, so with
 * {@code initial_accumulator_value: 0} an element whose gradient is still 0 (a dead ReLU's bias)
 * becomes {@code 0/0 = NaN}. This class keeps the framework's slot and swaps the update.
 */
final class Adagrad extends AdaGrad {
  /** Keras' default, which the YAML does not expose. */
  static final float EPSILON = 1e-7f;

  private final float learningRate;
  private boolean created;

  Adagrad(Graph graph, float learningRate, float initialAccumulatorValue) {
    super(graph, learningRate, initialAccumulatorValue);
    this.learningRate = learningRate;
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    if (!created) {
      created = true;
      super.createSlots(variables);
    }
  }

  @Override
  protected <T extends TType> Op applyDense(Ops deps, Output<T> gradient, Output<T> variable) {
    Class<T> type = gradient.type();
    Operand<T> accumulator =
        deps.assignAdd(getSlot(variable, ACCUMULATOR).orElseThrow(), deps.math.square(gradient));
    Operand<T> denominator =
        deps.math.sqrt(deps.math.add(accumulator, deps.dtypes.cast(deps.constant(EPSILON), type)));
    Operand<T> scaled = deps.math.mul(deps.dtypes.cast(deps.constant(learningRate), type), gradient);
    return deps.assignSub(variable, deps.math.div(scaled, denominator));
  }
}
