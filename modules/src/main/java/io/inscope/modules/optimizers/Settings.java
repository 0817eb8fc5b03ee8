package io.inscope.modules.optimizers;

import io.inscope.configs.optimizers.OptimizerSpec;
import io.inscope.modules.schedules.LearningRate;
import io.inscope.modules.schedules.LearningRates;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What every optimizer kind shares: its learning rate, Keras' gradient clipping (at most one of
 * the three is set) and decoupled weight decay.
 *
 * @param clipnorm per-gradient L2 norm limit, or null
 * @param clipvalue elementwise limit, or null
 * @param globalClipnorm limit of the global L2 norm over all gradients, or null
 * @param weightDecay {@code w −= η · weight_decay · w} before the update; 0 for none
 * @param excluded variables whose name contains a match are not decayed
 * @param emaDecay the decay of the weights' moving average, or null for none
 */
record Settings(
    LearningRate learningRate,
    Double clipnorm,
    Double clipvalue,
    Double globalClipnorm,
    double weightDecay,
    List<Pattern> excluded,
    Double emaDecay) {

  static Settings of(OptimizerSpec spec) {
    return new Settings(LearningRates.of(spec.learningRate()), spec.clipnorm(), spec.clipvalue(),
        spec.globalClipnorm(), spec.weightDecay(),
        spec.excludeFromWeightDecay().stream().map(Pattern::compile).toList(),
        spec.ema() == null ? null : spec.ema().decay());
  }

  boolean decays(String variable) {
    return weightDecay > 0 && excluded.stream().noneMatch(p -> p.matcher(variable).find());
  }
}
