package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.initializers.InitializerSpec;

/** Looks up integer ids in a trainable table: {@code embedding: {input_dim: 1000, output_dim: 16}}. */
@Doc("Looks up integer ids in a trainable table")
@Kind("embedding")
public record EmbeddingSpec(
    @Doc("vocabulary size (ids are 0..input_dim-1)") @Range(min = 1) int inputDim,
    @Doc("embedding width") @Range(min = 1) int outputDim,
    @Doc("initializer of the table, a kind") @Default("random_uniform") InitializerSpec embeddingsInitializer) implements LayerSpec {}
