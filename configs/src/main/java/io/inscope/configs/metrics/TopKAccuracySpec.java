package io.inscope.configs.metrics;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** Fraction of examples whose label is among the k highest predictions. */
@Doc("Fraction of examples whose label is among the k highest predictions")
@Kind("top_k_accuracy")
public record TopKAccuracySpec(
    @Doc("how many top predictions count") @Default("5") @Range(min = 1) int k) implements MetricSpec {
  @Override
  public String reportedName() {
    return "top_" + k + "_accuracy";
  }
}
