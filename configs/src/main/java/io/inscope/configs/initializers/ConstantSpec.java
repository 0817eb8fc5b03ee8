package io.inscope.configs.initializers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Every element equal to {@code value}. */
@Doc("Every element equal to value")
@Kind("constant")
public record ConstantSpec(
    @Doc("the value") double value) implements InitializerSpec {}
