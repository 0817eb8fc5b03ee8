package io.inscope.configs.regularizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** {@code l1 · sum(|w|) + l2 · sum(w²)}: {@code kernel_regularizer: {l1_l2: {l1: 0.001, l2: 0.001}}}. */
@Doc("l1 · sum(|w|) + l2 · sum(w²)")
@Kind("l1_l2")
public record L1L2Spec(
    @Doc("factor of sum(|w|)") @Default("0.01") @Range(min = 0) double l1,
    @Doc("factor of sum(w²)") @Default("0.01") @Range(min = 0) double l2) implements RegularizerSpec {

  @Override
  public double l1Factor() {
    return l1;
  }

  @Override
  public double l2Factor() {
    return l2;
  }
}
