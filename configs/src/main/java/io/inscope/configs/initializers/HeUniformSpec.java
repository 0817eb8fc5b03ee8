package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Uniform in +-sqrt(6 / fan_in). */
@Doc("Uniform in +-sqrt(6 / fan_in)")
@Kind("he_uniform")
public record HeUniformSpec() implements InitializerSpec {}
