package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Every element 0; the Keras bias default. */
@Doc("Every element 0; the Keras bias default")
@Kind("zeros")
public record ZerosSpec() implements InitializerSpec {}
