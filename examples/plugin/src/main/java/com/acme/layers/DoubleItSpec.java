package com.acme.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.layers.LayerSpec;

/** Multiplies its input by a factor: {@code double_it} or {@code double_it: {factor: 3}}. */
@Doc("Multiplies its input by a factor (a plugin kind)")
@Kind("double_it")
public record DoubleItSpec(@Doc("the factor") @Default("2.0") @Range(min = 0) double factor) implements LayerSpec {}
