package io.inscope.configs;

import java.util.List;

/**
 * How large a shape written in a job file may be. One example, one variable and one tf.Example
 * feature hold at most {@link #MAX_ELEMENTS} values (2^28: 1 GiB of float32), so the element count
 * is exact in a {@code long}, fits a Java array with room for a batch, and a typo such as {@code
 * [2147483647]} fails in {@code check} rather than in the middle of {@code run}. A batch staged for
 * one {@code Session.run} ({@code batch_size × steps_per_execution} examples) is one Java array,
 * hence at most {@link #MAX_BATCH_VALUES} values.
 */
public final class ShapeLimits {
  public static final long MAX_ELEMENTS = 1L << 28;
  /** The largest Java array (some JVMs reserve a few header words). */
  public static final long MAX_BATCH_VALUES = Integer.MAX_VALUE - 8;

  private ShapeLimits() {}

  /**
   * The number of values of a shape (1 for {@code []}), with {@code -1} entries left out; throws a
   * {@link SpecException} at {@code key} when it is more than {@link #MAX_ELEMENTS}.
   */
  public static long check(String key, List<Integer> shape) {
    long n = 1;
    for (int d : shape) {
      // every factor is < 2^31 and n stays <= 2^28 here, so the product cannot overflow
      n *= d == -1 ? 1 : d;
      if (n > MAX_ELEMENTS) {
        throw new SpecException(key, "too large: " + describe(shape) + " values, more than " + MAX_ELEMENTS
            + " (2^28, 1 GiB of float32) per example or variable");
      }
    }
    return n;
  }

  private static String describe(List<Integer> shape) {
    return shape.stream().filter(d -> d != -1).map(String::valueOf).reduce((a, b) -> a + " x " + b).orElse("1");
  }
}
