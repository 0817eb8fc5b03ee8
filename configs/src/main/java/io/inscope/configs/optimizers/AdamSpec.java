package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Key;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.schedules.ScheduleSpec;

/** Adam. */
@Doc("Adam")
@Kind("adam")
public record AdamSpec(
    @Doc("learning rate: a number or a schedule") @Default("0.001") ScheduleSpec learningRate,
    @Key("beta_1") @Doc("decay of the first moment") @Default("0.9") @Range(min = 0, max = 1, maxExclusive = true) double beta1,
    @Key("beta_2") @Doc("decay of the second moment") @Default("0.999") @Range(min = 0, max = 1, maxExclusive = true) double beta2,
    @Doc("numerical stability constant") @Default("1e-07") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("clip each gradient to this L2 norm (Keras' clipnorm)") @OptionalKey @Range(min = 0, minExclusive = true) Double clipnorm,
    @Doc("clip each gradient element to [-clipvalue, clipvalue]") @OptionalKey @Range(min = 0, minExclusive = true) Double clipvalue,
    @Doc("scale all gradients together so their global L2 norm is at most this") @OptionalKey @Range(min = 0, minExclusive = true) Double globalClipnorm,
    @Doc("moving average of the weights, used for evaluation and export: {decay}") @OptionalKey EmaSpec ema) implements OptimizerSpec {
  public AdamSpec {
    Clipping.check(clipnorm, globalClipnorm);
  }

  /** A constant learning rate and no clipping. */
  public AdamSpec(double learningRate, double beta1, double beta2, double epsilon) {
    this(ScheduleSpec.constant(learningRate), beta1, beta2, epsilon, null, null, null, null);
  }
}
