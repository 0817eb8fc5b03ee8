package io.inscope.configs.schedules;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Keras' ExponentialDecay: {@code lr(t) = initial · decay_rate^(t / decay_steps)}, the exponent
 * floored with {@code staircase}.
 */
@Doc("Keras' ExponentialDecay: initial * decay_rate^(t / decay_steps), the exponent floored with staircase")
@Kind("exponential_decay")
public record ExponentialDecaySpec(
    @Doc("the rate at step 0 (after warm-up)") @Range(min = 0, minExclusive = true) double initial,
    @Doc("steps per factor of decay_rate") @Range(min = 1) long decaySteps,
    @Doc("the factor per decay_steps") @Range(min = 0, minExclusive = true) double decayRate,
    @Doc("decay in whole steps of decay_steps") @Default("false") boolean staircase,
    @Doc("steps of linear warm-up from 0 to initial") @Default("0") @Range(min = 0) long warmupSteps)
    implements ScheduleSpec {

  @Override
  public double initialValue() {
    return initial;
  }
}
