package io.inscope.configs.layers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Drops inputs at random in training (seeded), scales the rest by 1/(1-rate): {@code dropout: 0.2}. */
@Doc("Drops inputs at random in training (seeded), scales the rest by 1/(1-rate)")
@Kind("dropout")
public record DropoutSpec(
    @Doc("fraction of inputs dropped in training") @Range(min = 0, max = 1, maxExclusive = true) double rate) implements LayerSpec {}
