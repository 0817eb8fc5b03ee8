package io.inscope.configs.initializers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Normal distribution with values beyond 2 standard deviations redrawn. */
@Doc("Normal distribution with values beyond 2 standard deviations redrawn")
@Kind("truncated_normal")
public record TruncatedNormalSpec(
    @Doc("mean") @Default("0.0") double mean,
    @Doc("standard deviation (before truncation at 2 stddev)") @Default("0.05") @Range(min = 0, minExclusive = true) double stddev) implements InitializerSpec {}
