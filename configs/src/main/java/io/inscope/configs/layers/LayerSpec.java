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
public sealed interface LayerSpec permits ActivationLayerSpec, AveragePool1DSpec, AveragePool2DSpec, BatchNormalizationSpec, BidirectionalSpec, Conv1DSpec, Conv2DSpec, Conv2DTransposeSpec, Cropping2DSpec, DenseSpec, DepthwiseConv2DSpec, DropoutSpec, EmbeddingSpec, FlattenSpec, GRUSpec, GlobalAveragePooling1DSpec, GlobalAveragePooling2DSpec, GlobalMaxPooling1DSpec, GlobalMaxPooling2DSpec, LSTMSpec, LayerNormalizationSpec, LeakyReLUSpec, MaxPool1DSpec, MaxPool2DSpec, MultiHeadAttentionSpec, PermuteSpec, PositionEmbeddingSpec, ReshapeSpec, SeparableConv2DSpec, SoftmaxSpec, SpatialDropout1DSpec, SpatialDropout2DSpec, UpSampling2DSpec, ZeroPadding2DSpec {}
