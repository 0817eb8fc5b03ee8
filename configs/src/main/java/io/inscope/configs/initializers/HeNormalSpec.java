package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Truncated normal, stddev sqrt(2 / fan_in). */
@Doc("Truncated normal, stddev sqrt(2 / fan_in)")
@Kind("he_normal")
public record HeNormalSpec() implements InitializerSpec {}
