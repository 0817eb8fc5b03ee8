package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Truncated normal, stddev sqrt(1 / fan_in). */
@Doc("Truncated normal, stddev sqrt(1 / fan_in)")
@Kind("lecun_normal")
public record LecunNormalSpec() implements InitializerSpec {}
