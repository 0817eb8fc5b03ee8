package io.inscope.configs.initializers;

import io.inscope.configs.Kind;

/** Every element 0; the Keras bias default. */
@Kind("zeros")
public record ZerosSpec() implements InitializerSpec {}
