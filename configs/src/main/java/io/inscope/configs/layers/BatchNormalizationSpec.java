package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Batch normalization over the last axis, with moving statistics for evaluation. */
@Doc("Batch normalization over the last axis, with moving statistics for evaluation")
@Kind("batch_normalization")
public record BatchNormalizationSpec(
    @Doc("moving-average momentum") @Default("0.99") @Range(min = 0, max = 1) double momentum,
    @Doc("added to the variance") @Default("0.001") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("learn a shift (beta)") @Default("true") boolean center,
    @Doc("learn a scale (gamma)") @Default("true") boolean scale) implements LayerSpec {}
