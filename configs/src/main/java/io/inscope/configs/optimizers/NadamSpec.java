package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Key;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Adam with Nesterov momentum. */
@Doc("Adam with Nesterov momentum")
@Kind("nadam")
public record NadamSpec(
    @Doc("learning rate") @Default("0.001") @Range(min = 0, minExclusive = true) double learningRate,
    @Key("beta_1") @Doc("decay of the first moment") @Default("0.9") @Range(min = 0, max = 1, maxExclusive = true) double beta1,
    @Key("beta_2") @Doc("decay of the second moment") @Default("0.999") @Range(min = 0, max = 1, maxExclusive = true) double beta2,
    @Doc("numerical stability constant") @Default("1e-07") @Range(min = 0, minExclusive = true) double epsilon) implements OptimizerSpec {}
