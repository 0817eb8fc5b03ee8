package io.inscope.configs.layers;

import io.inscope.configs.Doc;
import io.inscope.configs.InputCount;
import io.inscope.configs.Kind;

/** Element-wise maximum of two or more inputs: {@code maximum: {inputs: [a, b]}}. Shapes must be equal, except that a dimension of 1 broadcasts. */
@Doc("Element-wise maximum of two or more inputs; shapes must be equal, except that a dimension of 1 broadcasts")
@Kind("maximum")
@InputCount(min = 2)
public record MaximumSpec() implements LayerSpec {}
