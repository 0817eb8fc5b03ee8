package io.inscope.configs;

/**
 * A schedule: {@code epoch} (at the end of every epoch), {@code never}, or a positive number of
 * steps ({@code eval_every: 500}).
 *
 * @param steps the period in steps, or 0 for {@code epoch} and {@code never}
 */
public record Every(Unit unit, long steps) {
  public enum Unit {
    EPOCH,
    NEVER,
    STEPS
  }

  public static final Every EPOCH = new Every(Unit.EPOCH, 0);
  public static final Every NEVER = new Every(Unit.NEVER, 0);

  public Every {
    if ((unit == Unit.STEPS) != (steps > 0)) {
      throw new IllegalArgumentException("steps must be > 0 exactly when the unit is steps");
    }
  }

  public static Every steps(long n) {
    return new Every(Unit.STEPS, n);
  }

  /** Parses {@code epoch}, {@code never} or a positive integer. */
  public static Every parse(String text) {
    String t = text.trim();
    if (t.equals("epoch")) {
      return EPOCH;
    }
    if (t.equals("never")) {
      return NEVER;
    }
    long n;
    try {
      n = Long.parseLong(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected epoch, never or a number of steps, got '" + t + "'");
    }
    if (n <= 0) {
      throw new IllegalArgumentException("must be > 0 steps (got " + n + ")");
    }
    return steps(n);
  }

  /** True when a step-based schedule fires after {@code step} (1-based count of steps done). */
  public boolean firesAtStep(long step) {
    return unit == Unit.STEPS && step % steps == 0;
  }

  @Override
  public String toString() {
    return unit == Unit.STEPS ? Long.toString(steps) : unit.name().toLowerCase(java.util.Locale.ROOT);
  }
}
