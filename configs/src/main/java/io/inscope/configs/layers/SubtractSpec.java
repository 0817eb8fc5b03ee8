package io.inscope.configs.layers;

import io.inscope.configs.Doc;
import io.inscope.configs.InputCount;
import io.inscope.configs.Kind;

/** The first input minus the second: {@code subtract: {inputs: [a, b]}}. Shapes must be equal, except that a dimension of 1 broadcasts. */
@Doc("The first input minus the second; shapes must be equal, except that a dimension of 1 broadcasts")
@Kind("subtract")
@InputCount(min = 2, max = 2)
public record SubtractSpec() implements LayerSpec {}
