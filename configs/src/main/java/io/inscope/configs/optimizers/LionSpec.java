package io.inscope.configs.optimizers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Key;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
import io.inscope.configs.schedules.ScheduleSpec;
import java.util.List;

/**
 * Keras' Lion: {@code w −= η · sign(β1 m + (1 − β1) g)}, then {@code m = β2 m + (1 − β2) g}; with
 * optional decoupled weight decay as AdamW's.
 */
@Doc("Lion (Keras): the sign of an interpolated momentum")
@Kind("lion")
public record LionSpec(
    @Doc("learning rate: a number or a schedule") @Default("0.001") ScheduleSpec learningRate,
    @Key("beta_1") @Doc("weight of the momentum in the update's sign") @Default("0.9") @Range(min = 0, max = 1) double beta1,
    @Key("beta_2") @Doc("decay of the momentum") @Default("0.99") @Range(min = 0, max = 1) double beta2,
    @Doc("decoupled weight decay: w -= lr * weight_decay * w before the update") @Default("0.0") @Range(min = 0) double weightDecay,
    @Doc("regular expressions; a variable whose name contains a match is not decayed") @Default("[]") List<String> excludeFromWeightDecay,
    @Doc("clip each gradient to this L2 norm (Keras' clipnorm)") @OptionalKey @Range(min = 0, minExclusive = true) Double clipnorm,
    @Doc("clip each gradient element to [-clipvalue, clipvalue]") @OptionalKey @Range(min = 0, minExclusive = true) Double clipvalue,
    @Doc("scale all gradients together so their global L2 norm is at most this") @OptionalKey @Range(min = 0, minExclusive = true) Double globalClipnorm,
    @Doc("moving average of the weights, used for evaluation and export: {decay}") @OptionalKey EmaSpec ema) implements OptimizerSpec {
  public LionSpec {
    Clipping.check(clipnorm, globalClipnorm);
    excludeFromWeightDecay = WeightDecay.check(excludeFromWeightDecay);
  }
}
