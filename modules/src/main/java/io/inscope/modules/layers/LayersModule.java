package io.inscope.modules.layers;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.multibindings.MapBinder;
import io.inscope.configs.layers.ActivationLayerSpec;
import io.inscope.configs.layers.AveragePool1DSpec;
import io.inscope.configs.layers.AveragePool2DSpec;
import io.inscope.configs.layers.BatchNormalizationSpec;
import io.inscope.configs.layers.BidirectionalSpec;
import io.inscope.configs.layers.Conv1DSpec;
import io.inscope.configs.layers.Conv2DSpec;
import io.inscope.configs.layers.Conv2DTransposeSpec;
import io.inscope.configs.layers.Cropping2DSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.layers.DepthwiseConv2DSpec;
import io.inscope.configs.layers.DropoutSpec;
import io.inscope.configs.layers.EmbeddingSpec;
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
import io.inscope.configs.layers.MultiHeadAttentionSpec;
import io.inscope.configs.layers.PermuteSpec;
import io.inscope.configs.layers.PositionEmbeddingSpec;
import io.inscope.configs.layers.ReshapeSpec;
import io.inscope.configs.layers.SeparableConv2DSpec;
import io.inscope.configs.layers.SoftmaxSpec;
import io.inscope.configs.layers.SpatialDropout1DSpec;
import io.inscope.configs.layers.SpatialDropout2DSpec;
import io.inscope.configs.layers.UpSampling2DSpec;
import io.inscope.configs.layers.ZeroPadding2DSpec;
import io.inscope.modules.initializers.Initializers;

/** Binds every layer kind by its YAML name. */
public final class LayersModule extends AbstractModule {
  @Override
  protected void configure() {
    MapBinder<String, LayerFactory> kinds =
        MapBinder.newMapBinder(binder(), String.class, LayerFactory.class);
    kinds.addBinding("activation").toInstance((s, name, sv) -> new ActivationLayer((ActivationLayerSpec) s, name));
    kinds.addBinding("average_pool1d").toInstance((s, name, sv) -> new AveragePool1D((AveragePool1DSpec) s, name));
    kinds.addBinding("average_pool2d").toInstance((s, name, sv) -> new AveragePool2D((AveragePool2DSpec) s, name));
    kinds.addBinding("batch_normalization").toInstance((s, name, sv) -> new BatchNormalization((BatchNormalizationSpec) s, name, sv));
    kinds.addBinding("bidirectional").toInstance((s, name, sv) -> new Bidirectional((BidirectionalSpec) s, name, sv));
    kinds.addBinding("conv1d").toInstance((s, name, sv) -> new Conv1D((Conv1DSpec) s, name, sv));
    kinds.addBinding("conv2d").toInstance((s, name, sv) -> new Conv2D((Conv2DSpec) s, name, sv));
    kinds.addBinding("conv2d_transpose").toInstance((s, name, sv) -> new Conv2DTranspose((Conv2DTransposeSpec) s, name, sv));
    kinds.addBinding("cropping2d").toInstance((s, name, sv) -> new Cropping2D((Cropping2DSpec) s, name));
    kinds.addBinding("dense").toInstance((s, name, sv) -> new Dense((DenseSpec) s, name, sv));
    kinds.addBinding("depthwise_conv2d").toInstance((s, name, sv) -> new DepthwiseConv2D((DepthwiseConv2DSpec) s, name, sv));
    kinds.addBinding("dropout").toInstance((s, name, sv) -> new Dropout((DropoutSpec) s, name));
    kinds.addBinding("embedding").toInstance((s, name, sv) -> new Embedding((EmbeddingSpec) s, name, sv));
    kinds.addBinding("flatten").toInstance((s, name, sv) -> new Flatten(name));
    kinds.addBinding("global_average_pooling1d").toInstance((s, name, sv) -> new GlobalAveragePooling1D((GlobalAveragePooling1DSpec) s, name));
    kinds.addBinding("global_average_pooling2d").toInstance((s, name, sv) -> new GlobalAveragePooling2D((GlobalAveragePooling2DSpec) s, name));
    kinds.addBinding("global_max_pooling1d").toInstance((s, name, sv) -> new GlobalMaxPooling1D((GlobalMaxPooling1DSpec) s, name));
    kinds.addBinding("global_max_pooling2d").toInstance((s, name, sv) -> new GlobalMaxPooling2D((GlobalMaxPooling2DSpec) s, name));
    kinds.addBinding("gru").toInstance((s, name, sv) -> new GRU((GRUSpec) s, name, sv));
    kinds.addBinding("layer_normalization").toInstance((s, name, sv) -> new LayerNormalization((LayerNormalizationSpec) s, name, sv));
    kinds.addBinding("leaky_relu").toInstance((s, name, sv) -> new LeakyReLU((LeakyReLUSpec) s, name));
    kinds.addBinding("lstm").toInstance((s, name, sv) -> new LSTM((LSTMSpec) s, name, sv));
    kinds.addBinding("max_pool1d").toInstance((s, name, sv) -> new MaxPool1D((MaxPool1DSpec) s, name));
    kinds.addBinding("max_pool2d").toInstance((s, name, sv) -> new MaxPool2D((MaxPool2DSpec) s, name));
    kinds.addBinding("multi_head_attention").toInstance((s, name, sv) -> new MultiHeadAttention((MultiHeadAttentionSpec) s, name, sv));
    kinds.addBinding("permute").toInstance((s, name, sv) -> new Permute((PermuteSpec) s, name));
    kinds.addBinding("position_embedding").toInstance((s, name, sv) -> new PositionEmbedding((PositionEmbeddingSpec) s, name, sv));
    kinds.addBinding("reshape").toInstance((s, name, sv) -> new Reshape((ReshapeSpec) s, name));
    kinds.addBinding("separable_conv2d").toInstance((s, name, sv) -> new SeparableConv2D((SeparableConv2DSpec) s, name, sv));
    kinds.addBinding("softmax").toInstance((s, name, sv) -> new Softmax((SoftmaxSpec) s, name));
    kinds.addBinding("spatial_dropout1d").toInstance((s, name, sv) -> new SpatialDropout1D((SpatialDropout1DSpec) s, name));
    kinds.addBinding("spatial_dropout2d").toInstance((s, name, sv) -> new SpatialDropout2D((SpatialDropout2DSpec) s, name));
    kinds.addBinding("up_sampling2d").toInstance((s, name, sv) -> new UpSampling2D((UpSampling2DSpec) s, name));
    kinds.addBinding("zero_padding2d").toInstance((s, name, sv) -> new ZeroPadding2D((ZeroPadding2DSpec) s, name));
  }

  @Provides
  LayerServices layerServices(Initializers initializers) {
    return new LayerServices(initializers);
  }
}
