package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Every element 1. */
@Doc("Every element 1")
@Kind("ones")
public record OnesSpec() implements InitializerSpec {}
