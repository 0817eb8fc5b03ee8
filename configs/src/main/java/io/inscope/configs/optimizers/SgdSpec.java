package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
import io.inscope.configs.schedules.ScheduleSpec;
import java.util.List;

/** Stochastic gradient descent, with optional (Nesterov) momentum and decoupled weight decay. */
@Doc("Stochastic gradient descent, with optional (Nesterov) momentum")
@Kind("sgd")
public record SgdSpec(
    @Doc("learning rate: a number or a schedule") @Default("0.01") ScheduleSpec learningRate,
    @Doc("momentum; 0 is plain gradient descent") @Default("0.0") @Range(min = 0, max = 1) double momentum,
    @Doc("Nesterov momentum") @Default("false") boolean nesterov,
    @Doc("decoupled weight decay: w -= lr * weight_decay * w before the update") @Default("0.0") @Range(min = 0) double weightDecay,
    @Doc("regular expressions; a variable whose name contains a match is not decayed") @Default("[]") List<String> excludeFromWeightDecay,
    @Doc("clip each gradient to this L2 norm (Keras' clipnorm)") @OptionalKey @Range(min = 0, minExclusive = true) Double clipnorm,
    @Doc("clip each gradient element to [-clipvalue, clipvalue]") @OptionalKey @Range(min = 0, minExclusive = true) Double clipvalue,
    @Doc("scale all gradients together so their global L2 norm is at most this") @OptionalKey @Range(min = 0, minExclusive = true) Double globalClipnorm,
    @Doc("moving average of the weights, used for evaluation and export: {decay}") @OptionalKey EmaSpec ema) implements OptimizerSpec {
  /** A constant learning rate and no clipping. */
  public SgdSpec(double learningRate, double momentum, boolean nesterov) {
    this(ScheduleSpec.constant(learningRate), momentum, nesterov, 0.0, List.of(), null, null, null, null);
  }

  public SgdSpec {
    Clipping.check(clipnorm, globalClipnorm);
    excludeFromWeightDecay = WeightDecay.check(excludeFromWeightDecay);
    if (nesterov && momentum == 0.0) {
      throw new SpecException("nesterov", "needs momentum > 0 (got momentum 0.0)");
    }
  }
}
