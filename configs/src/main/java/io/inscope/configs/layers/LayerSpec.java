package io.inscope.configs.layers;

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
public sealed interface LayerSpec permits ActivationLayerSpec, AveragePool2DSpec, BatchNormalizationSpec, Conv2DSpec, DenseSpec, DropoutSpec, EmbeddingSpec, FlattenSpec, MaxPool2DSpec, ReshapeSpec {}
