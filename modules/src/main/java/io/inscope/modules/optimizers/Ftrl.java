package io.inscope.modules.optimizers;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.ResourceApplyFtrl;
import org.tensorflow.types.TFloat32;

/**
 * Keras' FTRL with {@code beta = 0} and no shrinkage, through the fused {@code ResourceApplyFtrlV2}:
 * {@code n' = n + g²}, {@code z += g − (n'^−p − n^−p)/η · w}, {@code n = n'}, and
 * {@code w = (sign(z) λ1 − z) / (n^−p/η + 2 λ2)} where {@code |z| > λ1}, else 0 (p the learning
 * rate power). The accumulator starts at {@code initial_accumulator_value}.
 */
final class Ftrl extends KerasOptimizer {
  private final float learningRatePower;
  private final float initialAccumulator;
  private final float l1;
  private final float l2;

  Ftrl(Settings settings, float learningRatePower, float initialAccumulator, float l1, float l2) {
    super(settings, "gradient_accumulator", "linear_accumulator");
    this.learningRatePower = learningRatePower;
    this.initialAccumulator = initialAccumulator;
    this.l1 = l1;
    this.l2 = l2;
  }

  @Override
  float initialSlotValue(String slot) {
    return slot.equals("gradient_accumulator") ? initialAccumulator : 0f;
  }

  @Override
  Rule rule(Ops tf, int replica, Operand<TFloat32> t, Operand<TFloat32> lr) {
    return (v, g) -> tf.train.resourceApplyFtrl(
        v.handle(replica), slot(v, "gradient_accumulator").handle(replica),
        slot(v, "linear_accumulator").handle(replica), g, lr,
        scalar(tf, l1), scalar(tf, l2), scalar(tf, 0), scalar(tf, learningRatePower),
        ResourceApplyFtrl.useLocking(true));
  }
}
