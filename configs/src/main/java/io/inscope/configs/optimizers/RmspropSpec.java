package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.schedules.ScheduleSpec;

/** RMSprop. */
@Doc("RMSprop")
@Kind("rmsprop")
public record RmspropSpec(
    @Doc("learning rate: a number or a schedule") @Default("0.001") ScheduleSpec learningRate,
    @Doc("discount of the squared-gradient average") @Default("0.9") @Range(min = 0, max = 1) double rho,
    @Doc("momentum") @Default("0.0") @Range(min = 0, max = 1) double momentum,
    @Doc("numerical stability constant") @Default("1e-07") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("normalize by the centered second moment") @Default("false") boolean centered,
    @Doc("clip each gradient to this L2 norm (Keras' clipnorm)") @OptionalKey @Range(min = 0, minExclusive = true) Double clipnorm,
    @Doc("clip each gradient element to [-clipvalue, clipvalue]") @OptionalKey @Range(min = 0, minExclusive = true) Double clipvalue,
    @Doc("scale all gradients together so their global L2 norm is at most this") @OptionalKey @Range(min = 0, minExclusive = true) Double globalClipnorm,
    @Doc("moving average of the weights, used for evaluation and export: {decay}") @OptionalKey EmaSpec ema) implements OptimizerSpec {
  public RmspropSpec {
    Clipping.check(clipnorm, globalClipnorm);
  }

  /** A constant learning rate and no clipping. */
  public RmspropSpec(double learningRate, double rho, double momentum, double epsilon, boolean centered) {
    this(ScheduleSpec.constant(learningRate), rho, momentum, epsilon, centered, null, null, null, null);
  }
}
