package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** RMSprop. */
@Doc("RMSprop")
@Kind("rmsprop")
public record RmspropSpec(
    @Doc("learning rate") @Default("0.001") @Range(min = 0, minExclusive = true) double learningRate,
    @Doc("discount of the squared-gradient average") @Default("0.9") @Range(min = 0, max = 1) double rho,
    @Doc("momentum") @Default("0.0") @Range(min = 0, max = 1) double momentum,
    @Doc("numerical stability constant") @Default("1e-07") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("normalize by the centered second moment") @Default("false") boolean centered) implements OptimizerSpec {}
