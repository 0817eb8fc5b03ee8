package io.inscope.configs.regularizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** {@code l1 · sum(|w|)}: {@code kernel_regularizer: {l1: 0.001}} or {@code l1} (0.01, as Keras). */
@Doc("l1 · sum(|w|)")
@Kind("l1")
public record L1Spec(@Doc("factor") @Default("0.01") @Range(min = 0) double l1) implements RegularizerSpec {
  public static final double DEFAULT = 0.01;

  @Override
  public double l1Factor() {
    return l1;
  }

  @Override
  public double l2Factor() {
    return 0;
  }
}
