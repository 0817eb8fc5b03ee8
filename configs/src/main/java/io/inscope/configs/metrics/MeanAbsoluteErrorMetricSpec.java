package io.inscope.configs.metrics;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Keras' MeanAbsoluteError metric: the mean over examples of each example's mean |label − output|. */
@Doc("Mean over examples of the mean absolute difference between label and output")
@Kind("mean_absolute_error")
public record MeanAbsoluteErrorMetricSpec() implements MetricSpec {}
