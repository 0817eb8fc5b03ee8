package io.inscope.configs.metrics;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** The loss (reported whether listed or not). */
@Doc("The loss (reported whether listed or not)")
@Kind("loss")
public record LossMetricSpec() implements MetricSpec {}
