package io.inscope.configs.schedules;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.ScalarForm;

/** A constant learning rate, also written as a plain number. */
@Doc("A constant learning rate (a plain number means this)")
@Kind("constant")
public record ConstantScheduleSpec(
    @Doc("the learning rate") @Range(min = 0, minExclusive = true) double value,
    @Doc("steps of linear warm-up from 0") @Default("0") @Range(min = 0) long warmupSteps)
    implements ScheduleSpec, ScalarForm {

  @Override
  public double initialValue() {
    return value;
  }

  @Override
  public Double scalarForm() {
    return warmupSteps == 0 ? value : null;
  }
}
