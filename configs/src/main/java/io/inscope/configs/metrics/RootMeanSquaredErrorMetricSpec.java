package io.inscope.configs.metrics;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Keras' RootMeanSquaredError metric: the square root of the mean squared error over the span. */
@Doc("Square root of the mean squared difference between label and output over the span")
@Kind("root_mean_squared_error")
public record RootMeanSquaredErrorMetricSpec() implements MetricSpec {}
