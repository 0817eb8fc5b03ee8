package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Uniform in +-sqrt(6 / (fan_in + fan_out)); the Keras kernel default. */
@Doc("Uniform in +-sqrt(6 / (fan_in + fan_out)); the Keras kernel default")
@Kind("glorot_uniform")
public record GlorotUniformSpec() implements InitializerSpec {}
