package io.inscope.configs.data;

import io.inscope.configs.SpecException;
import java.util.List;

/** The {@code value_range} key of the random colour steps: {@code [low, high]}, low &lt; high. */
final class ValueRanges {
  private ValueRanges() {}

  static List<Double> check(List<Double> range) {
    if (range.size() != 2) {
      throw new SpecException("value_range", "must be [low, high], got " + range.size() + " values");
    }
    if (!(range.get(0) < range.get(1))) {
      throw new SpecException("value_range", "low must be < high (got " + range + ")");
    }
    return List.copyOf(range);
  }
}
