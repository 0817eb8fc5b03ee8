package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.schedules.ScheduleSpec;

/** FTRL-proximal. */
@Doc("FTRL-proximal")
@Kind("ftrl")
public record FtrlSpec(
    @Doc("learning rate: a number or a schedule") @Default("0.001") ScheduleSpec learningRate,
    @Doc("learning rate power (<= 0)") @Default("-0.5") @Range(max = 0) double learningRatePower,
    @Doc("starting value of the accumulators") @Default("0.1") @Range(min = 0) double initialAccumulatorValue,
    @Doc("L1 regularization strength") @Default("0.0") @Range(min = 0) double l1RegularizationStrength,
    @Doc("L2 regularization strength") @Default("0.0") @Range(min = 0) double l2RegularizationStrength,
    @Doc("clip each gradient to this L2 norm (Keras' clipnorm)") @OptionalKey @Range(min = 0, minExclusive = true) Double clipnorm,
    @Doc("clip each gradient element to [-clipvalue, clipvalue]") @OptionalKey @Range(min = 0, minExclusive = true) Double clipvalue,
    @Doc("scale all gradients together so their global L2 norm is at most this") @OptionalKey @Range(min = 0, minExclusive = true) Double globalClipnorm,
    @Doc("moving average of the weights, used for evaluation and export: {decay}") @OptionalKey EmaSpec ema) implements OptimizerSpec {
  public FtrlSpec {
    Clipping.check(clipnorm, globalClipnorm);
  }

  /** A constant learning rate and no clipping. */
  public FtrlSpec(double learningRate, double learningRatePower, double initialAccumulatorValue, double l1RegularizationStrength, double l2RegularizationStrength) {
    this(ScheduleSpec.constant(learningRate), learningRatePower, initialAccumulatorValue, l1RegularizationStrength, l2RegularizationStrength, null, null, null, null);
  }
}
