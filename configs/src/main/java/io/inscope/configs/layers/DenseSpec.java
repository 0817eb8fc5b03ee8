package io.inscope.configs.layers;

import io.inscope.configs.Activation;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.initializers.InitializerSpec;

/** Fully connected layer: {@code dense: {units: 10, activation: softmax}}. */
@Doc("Fully connected layer")
@Kind("dense")
public record DenseSpec(
    @Doc("output units") @Range(min = 1) int units,
    @Doc("activation applied to the output") @Default("linear") Activation activation,
    @Doc("whether the layer adds a bias") @Default("true") boolean useBias,
    @Doc("initializer of the kernel, a kind") @Default("glorot_uniform") InitializerSpec kernelInitializer,
    @Doc("initializer of the bias, a kind") @Default("zeros") InitializerSpec biasInitializer) implements LayerSpec {}
