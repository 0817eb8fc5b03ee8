package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Uniform in +-sqrt(3 / fan_in). */
@Doc("Uniform in +-sqrt(3 / fan_in)")
@Kind("lecun_uniform")
public record LecunUniformSpec() implements InitializerSpec {}
