package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Adagrad. */
@Doc("Adagrad")
@Kind("adagrad")
public record AdagradSpec(
    @Doc("learning rate") @Default("0.001") @Range(min = 0, minExclusive = true) double learningRate,
    @Doc("starting value of the accumulators") @Default("0.1") @Range(min = 0) double initialAccumulatorValue) implements OptimizerSpec {}
