package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** FTRL-proximal. */
@Doc("FTRL-proximal")
@Kind("ftrl")
public record FtrlSpec(
    @Doc("learning rate") @Default("0.001") @Range(min = 0, minExclusive = true) double learningRate,
    @Doc("learning rate power (<= 0)") @Default("-0.5") @Range(max = 0) double learningRatePower,
    @Doc("starting value of the accumulators") @Default("0.1") @Range(min = 0) double initialAccumulatorValue,
    @Doc("L1 regularization strength") @Default("0.0") @Range(min = 0) double l1RegularizationStrength,
    @Doc("L2 regularization strength") @Default("0.0") @Range(min = 0) double l2RegularizationStrength) implements OptimizerSpec {}
