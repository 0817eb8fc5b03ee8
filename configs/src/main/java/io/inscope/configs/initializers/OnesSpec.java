package io.inscope.configs.initializers;

import io.inscope.configs.Kind;

/** Every element 1. */
@Kind("ones")
public record OnesSpec() implements InitializerSpec {}
