package io.inscope.configs.losses;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Huber loss. */
@Doc("Huber loss")
@Kind("huber")
public record HuberSpec(
    @Doc("where the loss turns from quadratic to linear") @Default("1.0") @Range(min = 0, minExclusive = true) double delta) implements LossSpec {}
