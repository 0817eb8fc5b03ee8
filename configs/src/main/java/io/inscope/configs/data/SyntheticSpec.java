package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Seeded random examples of model.input's shape with labels that a model can learn. */
@Doc("Seeded random examples of model.input's shape with labels that a model can learn")
@Kind("synthetic")
public record SyntheticSpec(
    @Doc("number of examples") @Range(min = 1) int examples,
    @Doc("number of classes of the labels") @Default("10") @Range(min = 2) int classes) implements SourceSpec {}
