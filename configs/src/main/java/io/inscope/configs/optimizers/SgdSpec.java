package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;

/** Stochastic gradient descent, with optional (Nesterov) momentum. */
@Doc("Stochastic gradient descent, with optional (Nesterov) momentum")
@Kind("sgd")
public record SgdSpec(
    @Doc("learning rate") @Default("0.01") @Range(min = 0, minExclusive = true) double learningRate,
    @Doc("momentum; 0 is plain gradient descent") @Default("0.0") @Range(min = 0, max = 1) double momentum,
    @Doc("Nesterov momentum") @Default("false") boolean nesterov) implements OptimizerSpec {
  public SgdSpec {
    if (nesterov && momentum == 0.0) {
      throw new SpecException("nesterov", "needs momentum > 0 (got momentum 0.0)");
    }
  }
}
