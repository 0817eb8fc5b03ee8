package io.inscope.configs.losses;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Mean squared error. */
@Doc("Mean squared error")
@Kind("mean_squared_error")
public record MeanSquaredErrorSpec() implements LossSpec {}
