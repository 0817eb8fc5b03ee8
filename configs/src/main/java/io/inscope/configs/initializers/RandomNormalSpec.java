package io.inscope.configs.initializers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Normal distribution. */
@Doc("Normal distribution")
@Kind("random_normal")
public record RandomNormalSpec(
    @Doc("mean") @Default("0.0") double mean,
    @Doc("standard deviation") @Default("0.05") @Range(min = 0, minExclusive = true) double stddev) implements InitializerSpec {}
