package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Adadelta. */
@Doc("Adadelta")
@Kind("adadelta")
public record AdadeltaSpec(
    @Doc("learning rate") @Default("0.001") @Range(min = 0, minExclusive = true) double learningRate,
    @Doc("decay rate") @Default("0.95") @Range(min = 0, max = 1) double rho,
    @Doc("numerical stability constant") @Default("1e-07") @Range(min = 0, minExclusive = true) double epsilon) implements OptimizerSpec {}
