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
 * Keras' AdamW: Adam with decoupled weight decay, {@code w −= η · weight_decay · w} before the Adam
 * update, except for variables whose name matches a pattern of {@code exclude_from_weight_decay}
 * (e.g. {@code [bias, gamma, beta]} for biases and batch normalization).
 */
@Doc("Adam with decoupled weight decay (Keras' AdamW)")
@Kind("adamw")
public record AdamwSpec(
    @Doc("learning rate: a number or a schedule") @Default("0.001") ScheduleSpec learningRate,
    @Doc("decoupled weight decay: w -= lr * weight_decay * w before the update") @Default("0.004") @Range(min = 0) double weightDecay,
    @Doc("regular expressions; a variable whose name contains a match is not decayed") @Default("[]") List<String> excludeFromWeightDecay,
    @Key("beta_1") @Doc("decay of the first moment") @Default("0.9") @Range(min = 0, max = 1, maxExclusive = true) double beta1,
    @Key("beta_2") @Doc("decay of the second moment") @Default("0.999") @Range(min = 0, max = 1, maxExclusive = true) double beta2,
    @Doc("numerical stability constant") @Default("1e-07") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("clip each gradient to this L2 norm (Keras' clipnorm)") @OptionalKey @Range(min = 0, minExclusive = true) Double clipnorm,
    @Doc("clip each gradient element to [-clipvalue, clipvalue]") @OptionalKey @Range(min = 0, minExclusive = true) Double clipvalue,
    @Doc("scale all gradients together so their global L2 norm is at most this") @OptionalKey @Range(min = 0, minExclusive = true) Double globalClipnorm,
    @Doc("moving average of the weights, used for evaluation and export: {decay}") @OptionalKey EmaSpec ema) implements OptimizerSpec {
  public AdamwSpec {
    Clipping.check(clipnorm, globalClipnorm);
    excludeFromWeightDecay = WeightDecay.check(excludeFromWeightDecay);
  }
}
