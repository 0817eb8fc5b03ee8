package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.schedules.ScheduleSpec;

/** Adadelta. */
@Doc("Adadelta")
@Kind("adadelta")
public record AdadeltaSpec(
    @Doc("learning rate: a number or a schedule") @Default("0.001") ScheduleSpec learningRate,
    @Doc("decay rate") @Default("0.95") @Range(min = 0, max = 1) double rho,
    @Doc("numerical stability constant") @Default("1e-07") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("clip each gradient to this L2 norm (Keras' clipnorm)") @OptionalKey @Range(min = 0, minExclusive = true) Double clipnorm,
    @Doc("clip each gradient element to [-clipvalue, clipvalue]") @OptionalKey @Range(min = 0, minExclusive = true) Double clipvalue,
    @Doc("scale all gradients together so their global L2 norm is at most this") @OptionalKey @Range(min = 0, minExclusive = true) Double globalClipnorm,
    @Doc("moving average of the weights, used for evaluation and export: {decay}") @OptionalKey EmaSpec ema) implements OptimizerSpec {
  public AdadeltaSpec {
    Clipping.check(clipnorm, globalClipnorm);
  }

  /** A constant learning rate and no clipping. */
  public AdadeltaSpec(double learningRate, double rho, double epsilon) {
    this(ScheduleSpec.constant(learningRate), rho, epsilon, null, null, null, null);
  }
}
