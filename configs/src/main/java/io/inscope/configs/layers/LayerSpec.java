package io.inscope.configs.layers;

import io.inscope.configs.Doc;

/**
 * A layer of the model, a kind. Weight shapes come from the layer's input.
 *
 * <pre>
 * layers:
 *   - flatten
 *   - dense: {units: 128, activation: relu}
 *   - dropout: 0.2
 * </pre>
 */
@Doc("A layer of the model; weight shapes come from the layer's input")
public sealed interface LayerSpec permits ActivationLayerSpec, AveragePool1DSpec, AveragePool2DSpec, BatchNormalizationSpec, BidirectionalSpec, Conv1DSpec, Conv2DSpec, DenseSpec, DropoutSpec, EmbeddingSpec, FlattenSpec, GRUSpec, GlobalAveragePooling1DSpec, GlobalAveragePooling2DSpec, GlobalMaxPooling1DSpec, GlobalMaxPooling2DSpec, LSTMSpec, LayerNormalizationSpec, LeakyReLUSpec, MaxPool1DSpec, MaxPool2DSpec, MultiHeadAttentionSpec, PositionEmbeddingSpec, ReshapeSpec, SoftmaxSpec {}
