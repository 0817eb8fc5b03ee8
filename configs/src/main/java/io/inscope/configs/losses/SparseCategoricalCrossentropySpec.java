package io.inscope.configs.losses;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;

/** Cross-entropy against integer class labels. */
@Doc("Cross-entropy against integer class labels")
@Kind("sparse_categorical_crossentropy")
public record SparseCategoricalCrossentropySpec(
    @Doc("the predictions are logits, not probabilities") @Default("false") boolean fromLogits,
    @Doc("label smoothing in [0, 1]: the one-hot target becomes (1 - s) one_hot + s / classes") @Default("0.0") @Range(min = 0, max = 1) double labelSmoothing,
    @Doc("weight of each class's examples in the loss: balanced, or {class id: weight} (others 1)") @OptionalKey ClassWeights classWeights) implements LossSpec, WeightedLoss {

  public SparseCategoricalCrossentropySpec(boolean fromLogits) {
    this(fromLogits, 0.0, null);
  }
}
