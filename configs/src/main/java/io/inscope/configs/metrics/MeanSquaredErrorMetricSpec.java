package io.inscope.configs.metrics;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Keras' MeanSquaredError metric: the mean over examples of each example's mean (label − output)². */
@Doc("Mean over examples of the mean squared difference between label and output")
@Kind("mean_squared_error")
public record MeanSquaredErrorMetricSpec() implements MetricSpec {}
