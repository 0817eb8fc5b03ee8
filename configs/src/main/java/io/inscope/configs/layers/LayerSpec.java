package io.inscope.configs.layers;

import io.inscope.configs.BuiltInKinds;
import io.inscope.configs.Doc;

/**
 * A layer of the model, a kind. Weight shapes come from the layer's input. The family is open: a
 * plugin jar adds kinds through a {@link io.inscope.configs.KindProvider}; built-in kinds are listed
 * in {@code @BuiltInKinds} (keep it sorted).
 *
 * <pre>
 * layers:
 *   - flatten
 *   - dense: {units: 128, activation: relu}
 *   - dropout: 0.2
 * </pre>
 */
@Doc("A layer of the model; weight shapes come from the layer's input")
@BuiltInKinds({
  ActivationLayerSpec.class,
  AddSpec.class,
  AveragePool1DSpec.class,
  AveragePool2DSpec.class,
  AverageSpec.class,
  BatchNormalizationSpec.class,
  BidirectionalSpec.class,
  ConcatenateSpec.class,
  Conv1DSpec.class,
  Conv2DSpec.class,
  Conv2DTransposeSpec.class,
  Cropping2DSpec.class,
  DenseSpec.class,
  DepthwiseConv2DSpec.class,
  DropoutSpec.class,
  EmbeddingSpec.class,
  FlattenSpec.class,
  GRUSpec.class,
  GlobalAveragePooling1DSpec.class,
  GlobalAveragePooling2DSpec.class,
  GlobalMaxPooling1DSpec.class,
  GlobalMaxPooling2DSpec.class,
  LSTMSpec.class,
  LayerNormalizationSpec.class,
  LeakyReLUSpec.class,
  MaxPool1DSpec.class,
  MaxPool2DSpec.class,
  MaximumSpec.class,
  MultiHeadAttentionSpec.class,
  MultiplySpec.class,
  PermuteSpec.class,
  PositionEmbeddingSpec.class,
  ReshapeSpec.class,
  SeparableConv2DSpec.class,
  SoftmaxSpec.class,
  SpatialDropout1DSpec.class,
  SpatialDropout2DSpec.class,
  SubtractSpec.class,
  UpSampling2DSpec.class,
  ZeroPadding2DSpec.class})
public interface LayerSpec {}
