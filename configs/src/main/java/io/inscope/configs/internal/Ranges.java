package io.inscope.configs.internal;

import io.inscope.configs.Range;

/** Checks and words {@link Range} bounds: {@code must be > 0}, {@code must be >= 0 and < 1}. */
public final class Ranges {
  private Ranges() {}

  public static boolean contains(Range r, double v) {
    boolean low = r.minExclusive() ? v > r.min() : v >= r.min();
    boolean high = r.maxExclusive() ? v < r.max() : v <= r.max();
    return low && high;
  }

  public static String describe(Range r) {
    boolean hasMin = r.min() != Double.NEGATIVE_INFINITY;
    boolean hasMax = r.max() != Double.POSITIVE_INFINITY;
    if (hasMin && hasMax && r.min() == r.max()) {
      return "must be " + format(r.min());
    }
    String low = hasMin ? (r.minExclusive() ? "> " : ">= ") + format(r.min()) : null;
    String high = hasMax ? (r.maxExclusive() ? "< " : "<= ") + format(r.max()) : null;
    if (low != null && high != null) {
      return "must be " + low + " and " + high;
    }
    return "must be " + (low != null ? low : high);
  }

  /** A bound as written in a message or a table: {@code 1}, {@code 0.5}. */
  public static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
  }
}
