package io.inscope.configs.losses;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Mean absolute error. */
@Doc("Mean absolute error")
@Kind("mean_absolute_error")
public record MeanAbsoluteErrorSpec() implements LossSpec {}
