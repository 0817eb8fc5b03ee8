package io.inscope.modules.layers;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import io.inscope.configs.layers.ActivationLayerSpec;
import io.inscope.configs.layers.AddSpec;
import io.inscope.configs.layers.AveragePool1DSpec;
import io.inscope.configs.layers.AveragePool2DSpec;
import io.inscope.configs.layers.AverageSpec;
import io.inscope.configs.layers.BatchNormalizationSpec;
import io.inscope.configs.layers.BidirectionalSpec;
import io.inscope.configs.layers.ConcatenateSpec;
import io.inscope.configs.layers.Conv1DSpec;
import io.inscope.configs.layers.Conv2DSpec;
import io.inscope.configs.layers.Conv2DTransposeSpec;
import io.inscope.configs.layers.Cropping2DSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.layers.DepthwiseConv2DSpec;
import io.inscope.configs.layers.DropoutSpec;
import io.inscope.configs.layers.EmbeddingSpec;
import io.inscope.configs.layers.FlattenSpec;
import io.inscope.configs.layers.GRUSpec;
import io.inscope.configs.layers.GlobalAveragePooling1DSpec;
import io.inscope.configs.layers.GlobalAveragePooling2DSpec;
import io.inscope.configs.layers.GlobalMaxPooling1DSpec;
import io.inscope.configs.layers.GlobalMaxPooling2DSpec;
import io.inscope.configs.layers.LSTMSpec;
import io.inscope.configs.layers.LayerNormalizationSpec;
import io.inscope.configs.layers.LeakyReLUSpec;
import io.inscope.configs.layers.MaxPool1DSpec;
import io.inscope.configs.layers.MaxPool2DSpec;
import io.inscope.configs.layers.MaximumSpec;
import io.inscope.configs.layers.MultiHeadAttentionSpec;
import io.inscope.configs.layers.MultiplySpec;
import io.inscope.configs.layers.PermuteSpec;
import io.inscope.configs.layers.PositionEmbeddingSpec;
import io.inscope.configs.layers.ReshapeSpec;
import io.inscope.configs.layers.SeparableConv2DSpec;
import io.inscope.configs.layers.SoftmaxSpec;
import io.inscope.configs.layers.SpatialDropout1DSpec;
import io.inscope.configs.layers.SpatialDropout2DSpec;
import io.inscope.configs.layers.SubtractSpec;
import io.inscope.configs.layers.UpSampling2DSpec;
import io.inscope.configs.layers.ZeroPadding2DSpec;
import io.inscope.modules.initializers.Initializers;

/** Registers every built-in layer kind by its spec record class (kept sorted by YAML name). */
public final class LayersModule extends AbstractModule {
  @Override
  protected void configure() {
    LayerKinds kinds = LayerKinds.of(binder());
    kinds.add(ActivationLayerSpec.class, (s, name, sv) -> new ActivationLayer(s, name));
    kinds.add(AddSpec.class, (s, name, sv) -> new Merge(Merge.Op.ADD, "add", name));
    kinds.add(AverageSpec.class, (s, name, sv) -> new Merge(Merge.Op.AVERAGE, "average", name));
    kinds.add(AveragePool1DSpec.class, (s, name, sv) -> new AveragePool1D(s, name));
    kinds.add(AveragePool2DSpec.class, (s, name, sv) -> new AveragePool2D(s, name));
    kinds.add(BatchNormalizationSpec.class, (s, name, sv) -> new BatchNormalization(s, name, sv));
    kinds.add(BidirectionalSpec.class, (s, name, sv) -> new Bidirectional(s, name, sv));
    kinds.add(ConcatenateSpec.class, (s, name, sv) -> new Concatenate(s, name));
    kinds.add(Conv1DSpec.class, (s, name, sv) -> new Conv1D(s, name, sv));
    kinds.add(Conv2DSpec.class, (s, name, sv) -> new Conv2D(s, name, sv));
    kinds.add(Conv2DTransposeSpec.class, (s, name, sv) -> new Conv2DTranspose(s, name, sv));
    kinds.add(Cropping2DSpec.class, (s, name, sv) -> new Cropping2D(s, name));
    kinds.add(DenseSpec.class, (s, name, sv) -> new Dense(s, name, sv));
    kinds.add(DepthwiseConv2DSpec.class, (s, name, sv) -> new DepthwiseConv2D(s, name, sv));
    kinds.add(DropoutSpec.class, (s, name, sv) -> new Dropout(s, name));
    kinds.add(EmbeddingSpec.class, (s, name, sv) -> new Embedding(s, name, sv));
    kinds.add(FlattenSpec.class, (s, name, sv) -> new Flatten(name));
    kinds.add(GlobalAveragePooling1DSpec.class, (s, name, sv) -> new GlobalAveragePooling1D(s, name));
    kinds.add(GlobalAveragePooling2DSpec.class, (s, name, sv) -> new GlobalAveragePooling2D(s, name));
    kinds.add(GlobalMaxPooling1DSpec.class, (s, name, sv) -> new GlobalMaxPooling1D(s, name));
    kinds.add(GlobalMaxPooling2DSpec.class, (s, name, sv) -> new GlobalMaxPooling2D(s, name));
    kinds.add(GRUSpec.class, (s, name, sv) -> new GRU(s, name, sv));
    kinds.add(LayerNormalizationSpec.class, (s, name, sv) -> new LayerNormalization(s, name, sv));
    kinds.add(LeakyReLUSpec.class, (s, name, sv) -> new LeakyReLU(s, name));
    kinds.add(LSTMSpec.class, (s, name, sv) -> new LSTM(s, name, sv));
    kinds.add(MaxPool1DSpec.class, (s, name, sv) -> new MaxPool1D(s, name));
    kinds.add(MaxPool2DSpec.class, (s, name, sv) -> new MaxPool2D(s, name));
    kinds.add(MaximumSpec.class, (s, name, sv) -> new Merge(Merge.Op.MAXIMUM, "maximum", name));
    kinds.add(MultiHeadAttentionSpec.class, (s, name, sv) -> new MultiHeadAttention(s, name, sv));
    kinds.add(MultiplySpec.class, (s, name, sv) -> new Merge(Merge.Op.MULTIPLY, "multiply", name));
    kinds.add(PermuteSpec.class, (s, name, sv) -> new Permute(s, name));
    kinds.add(PositionEmbeddingSpec.class, (s, name, sv) -> new PositionEmbedding(s, name, sv));
    kinds.add(ReshapeSpec.class, (s, name, sv) -> new Reshape(s, name));
    kinds.add(SeparableConv2DSpec.class, (s, name, sv) -> new SeparableConv2D(s, name, sv));
    kinds.add(SoftmaxSpec.class, (s, name, sv) -> new Softmax(s, name));
    kinds.add(SpatialDropout1DSpec.class, (s, name, sv) -> new SpatialDropout1D(s, name));
    kinds.add(SpatialDropout2DSpec.class, (s, name, sv) -> new SpatialDropout2D(s, name));
    kinds.add(SubtractSpec.class, (s, name, sv) -> new Merge(Merge.Op.SUBTRACT, "subtract", name));
    kinds.add(UpSampling2DSpec.class, (s, name, sv) -> new UpSampling2D(s, name));
    kinds.add(ZeroPadding2DSpec.class, (s, name, sv) -> new ZeroPadding2D(s, name));
  }

  @Provides
  LayerServices layerServices(Initializers initializers) {
    return new LayerServices(initializers);
  }
}
