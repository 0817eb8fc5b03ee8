package io.inscope.modules.optimizers;

/**
 * The Adam family (Adam, Adamax, Nadam): two decay rates and epsilon, and a first
 * and second moment slot ({@code m}, {@code v}) per variable, starting at zero.
 */
abstract class AdamFamily extends KerasOptimizer {
  final float beta1;
  final float beta2;
  final float epsilon;

  AdamFamily(Settings settings, float beta1, float beta2, float epsilon) {
    super(settings, "m", "v");
    this.beta1 = beta1;
    this.beta2 = beta2;
    this.epsilon = epsilon;
  }
}
