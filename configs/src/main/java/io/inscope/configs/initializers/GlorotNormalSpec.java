package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Truncated normal, stddev sqrt(2 / (fan_in + fan_out)). */
@Doc("Truncated normal, stddev sqrt(2 / (fan_in + fan_out))")
@Kind("glorot_normal")
public record GlorotNormalSpec() implements InitializerSpec {}
