package io.inscope.configs.schedules;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Keras' PolynomialDecay: {@code lr(t) = (initial − end_learning_rate) · (1 − t / decay_steps)^power
 * + end_learning_rate}, {@code t} capped at {@code decay_steps}; with {@code cycle}, {@code
 * decay_steps} grows to the next multiple of itself above {@code t} instead.
 */
@Doc("Keras' PolynomialDecay: from initial to end_learning_rate over decay_steps as (1 - t/decay_steps)^power")
@Kind("polynomial_decay")
public record PolynomialDecaySpec(
    @Doc("the rate at step 0 (after warm-up)") @Range(min = 0, minExclusive = true) double initial,
    @Doc("steps to reach end_learning_rate") @Range(min = 1) long decaySteps,
    @Doc("the final rate") @Default("0.0001") @Range(min = 0) double endLearningRate,
    @Doc("the polynomial's power") @Default("1.0") @Range(min = 0, minExclusive = true) double power,
    @Doc("restart the decay every decay_steps, from a longer period") @Default("false") boolean cycle,
    @Doc("steps of linear warm-up from 0 to initial") @Default("0") @Range(min = 0) long warmupSteps)
    implements ScheduleSpec {

  @Override
  public double initialValue() {
    return initial;
  }
}
