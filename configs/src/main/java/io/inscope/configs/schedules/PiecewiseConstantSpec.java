package io.inscope.configs.schedules;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
import java.util.List;

/**
 * Keras' PiecewiseConstantDecay: {@code values[0]} while {@code t <= boundaries[0]}, {@code
 * values[i]} while {@code boundaries[i-1] < t <= boundaries[i]}, the last value after the last
 * boundary.
 */
@Doc("Keras' PiecewiseConstantDecay: values[i] between boundaries[i-1] (exclusive) and boundaries[i] (inclusive)")
@Kind("piecewise_constant")
public record PiecewiseConstantSpec(
    @Doc("increasing steps where the rate changes") List<Long> boundaries,
    @Doc("the rates, one more than boundaries") List<Double> values,
    @Doc("steps of linear warm-up from 0 to values[0]") @Default("0") @Range(min = 0) long warmupSteps)
    implements ScheduleSpec {

  public PiecewiseConstantSpec {
    boundaries = List.copyOf(boundaries);
    values = List.copyOf(values);
    if (values.size() != boundaries.size() + 1) {
      throw new SpecException("values", "needs one more value than boundaries (got " + values.size()
          + " values for " + boundaries.size() + " boundaries)");
    }
    for (int i = 1; i < boundaries.size(); i++) {
      if (boundaries.get(i) <= boundaries.get(i - 1)) {
        throw new SpecException("boundaries", "must increase (got " + boundaries + ")");
      }
    }
    for (double v : values) {
      if (!(v > 0)) {
        throw new SpecException("values", "every rate must be > 0 (got " + values + ")");
      }
    }
  }

  @Override
  public double initialValue() {
    return values.get(0);
  }
}
