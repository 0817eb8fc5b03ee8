package io.inscope.modules.optimizers;

import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.RMSProp;
import org.tensorflow.types.family.TType;

/**
 * Keras' RMSprop: {@code v = ρ v + (1−ρ) g²}; centered, {@code ḡ = ρ ḡ + (1−ρ) g} and
 * {@code i = η g / √(v − ḡ² + ε)}, else {@code i = η g / √(v + ε)}; {@code m = μ m + i},
 * {@code w −= m}. tensorflow-framework's {@code RMSProp} applies exactly this through the
 * {@code ApplyRMSProp} and {@code ApplyCenteredRMSProp} kernels, but starts {@code v} at 1 (as TF 1's
 * {@code tf.train.RMSPropOptimizer} did) where Keras starts it at 0, which makes the early steps far
 * smaller wherever {@code g²} is small next to 1 (with ρ = 0.9, a gradient of 0.1 moves the first
 * step 30 times less than Keras). This class keeps the framework's update and starts every slot at 0.
 */
final class RmsProp extends RMSProp {
  private final boolean centered;
  private boolean created;

  RmsProp(Graph graph, float learningRate, float rho, float momentum, float epsilon, boolean centered) {
    super(graph, learningRate, rho, momentum, epsilon, centered);
    this.centered = centered;
  }

  @Override
  protected void createSlots(List<Output<? extends TType>> variables) {
    if (created) {
      return;
    }
    created = true;
    for (Output<? extends TType> v : variables) {
      zeros(v, RMS);
      zeros(v, MOMENTUM);
      if (centered) {
        zeros(v, MG);
      }
    }
  }

  private <T extends TType> void zeros(Output<T> v, String slot) {
    createSlot(v, slot, Slots.filled(tf, v, 0f));
  }
}
