package io.inscope.configs.layers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Flattens each example to one dimension: {@code flatten}. */
@Doc("Flattens each example to one dimension")
@Kind("flatten")
public record FlattenSpec() implements LayerSpec {}
