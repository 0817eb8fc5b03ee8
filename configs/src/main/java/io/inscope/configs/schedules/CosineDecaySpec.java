package io.inscope.configs.schedules;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Keras' CosineDecay: {@code lr(t) = initial · ((1 − alpha) · ½ (1 + cos(π · min(t, decay_steps) /
 * decay_steps)) + alpha)}.
 */
@Doc("Keras' CosineDecay: from initial down to alpha * initial over decay_steps along a half cosine")
@Kind("cosine_decay")
public record CosineDecaySpec(
    @Doc("the rate at step 0 (after warm-up)") @Range(min = 0, minExclusive = true) double initial,
    @Doc("steps over which the rate decays") @Range(min = 1) long decaySteps,
    @Doc("the final rate as a fraction of initial") @Default("0.0") @Range(min = 0, max = 1) double alpha,
    @Doc("steps of linear warm-up from 0 to initial") @Default("0") @Range(min = 0) long warmupSteps)
    implements ScheduleSpec {

  @Override
  public double initialValue() {
    return initial;
  }
}
