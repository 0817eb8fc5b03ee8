package io.inscope.configs.losses;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Cross-entropy against integer class labels. */
@Doc("Cross-entropy against integer class labels")
@Kind("sparse_categorical_crossentropy")
public record SparseCategoricalCrossentropySpec(
    @Doc("the predictions are logits, not probabilities") @Default("false") boolean fromLogits) implements LossSpec {}
