package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.initializers.InitializerSpec;

/**
 * Learned position embeddings, as Keras-hub's {@code PositionEmbedding}: for examples {@code
 * [steps, features]} the output is the first {@code steps} rows of the weight {@code embeddings
 * [sequence_length, features]}, the same for every example. It returns the position embeddings
 * only; add them to the token embeddings with an {@code add} layer (Keras-hub's semantics).
 *
 * <pre>
 * - position_embedding: {sequence_length: 128}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>sequence_length</td><td>(required)</td><td>the longest sequence (rows of the table)</td></tr>
 *   <tr><td>initializer</td><td>glorot_uniform</td><td>initializer of the table</td></tr>
 * </table>
 */
@Doc("Learned position embeddings (Keras-hub's PositionEmbedding): the first steps rows of a [sequence_length, features] table; add them to the input with an add layer")
@Kind("position_embedding")
public record PositionEmbeddingSpec(
    @Doc("the longest sequence (rows of the table)") @Range(min = 1) int sequenceLength,
    @Doc("initializer of the table, a kind") @Default("glorot_uniform") InitializerSpec initializer) implements LayerSpec {}
