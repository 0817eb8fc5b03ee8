package io.inscope.configs.layers;

import io.inscope.configs.Activation;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Applies an activation function: {@code activation: relu}. */
@Doc("Applies an activation function")
@Kind("activation")
public record ActivationLayerSpec(
    @Doc("the activation function") Activation activation) implements LayerSpec {}
