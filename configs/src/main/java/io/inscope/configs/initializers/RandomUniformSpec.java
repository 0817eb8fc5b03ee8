package io.inscope.configs.initializers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.SpecException;

/** Uniform distribution in [minval, maxval). */
@Doc("Uniform distribution in [minval, maxval)")
@Kind("random_uniform")
public record RandomUniformSpec(
    @Doc("lower bound") @Default("-0.05") double minval,
    @Doc("upper bound") @Default("0.05") double maxval) implements InitializerSpec {
  public RandomUniformSpec {
    if (!(minval < maxval)) {
      throw new SpecException("maxval", "must be > minval (got minval " + minval + ", maxval " + maxval + ")");
    }
  }
}
