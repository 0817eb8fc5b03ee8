package io.inscope.configs.losses;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;

/** Binary cross-entropy; labels are 0/1 floats of the prediction's shape. */
@Doc("Binary cross-entropy; labels are 0/1 floats of the prediction's shape")
@Kind("binary_crossentropy")
public record BinaryCrossentropySpec(
    @Doc("the predictions are logits, not probabilities") @Default("false") boolean fromLogits,
    @Doc("label smoothing in [0, 1]") @Default("0.0") @Range(min = 0, max = 1) double labelSmoothing,
    @Doc("weight of each class's examples in the loss: balanced, or {class id: weight} (others 1)") @OptionalKey ClassWeights classWeights) implements LossSpec, WeightedLoss {

  public BinaryCrossentropySpec(boolean fromLogits, double labelSmoothing) {
    this(fromLogits, labelSmoothing, null);
  }
}
