package io.inscope.configs.layers;

import io.inscope.configs.Kind;

/** Flattens each example to one dimension: {@code flatten}. */
@Kind("flatten")
public record FlattenSpec() implements LayerSpec {}
