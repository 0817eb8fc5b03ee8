package io.inscope.configs.metrics;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/** Fraction of examples whose arg-max prediction equals the label (or, for a single output unit, whose prediction > 0.5 matches). */
@Doc("Fraction of examples whose arg-max prediction equals the label (or, for a single output unit, whose prediction > 0.5 matches)")
@Kind("accuracy")
public record AccuracySpec() implements MetricSpec {}
