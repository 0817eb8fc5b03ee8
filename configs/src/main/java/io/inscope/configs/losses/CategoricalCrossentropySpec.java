package io.inscope.configs.losses;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Cross-entropy against one-hot labels. */
@Doc("Cross-entropy against one-hot labels")
@Kind("categorical_crossentropy")
public record CategoricalCrossentropySpec(
    @Doc("the predictions are logits, not probabilities") @Default("false") boolean fromLogits,
    @Doc("label smoothing in [0, 1]") @Default("0.0") @Range(min = 0, max = 1) double labelSmoothing) implements LossSpec {}
