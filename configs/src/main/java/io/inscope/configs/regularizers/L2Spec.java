package io.inscope.configs.regularizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/** {@code l2 · sum(w²)}: {@code kernel_regularizer: {l2: 0.0001}} or {@code l2} (0.01, as Keras). */
@Doc("l2 · sum(w²)")
@Kind("l2")
public record L2Spec(@Doc("factor") @Default("0.01") @Range(min = 0) double l2) implements RegularizerSpec {
  public static final double DEFAULT = 0.01;

  @Override
  public double l1Factor() {
    return 0;
  }

  @Override
  public double l2Factor() {
    return l2;
  }
}
