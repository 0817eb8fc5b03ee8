package io.inscope.configs;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A duration written as {@code 500ms}, {@code 60s}, {@code 15m}, {@code 2h}, {@code 1d} or {@code
 * 1h30m}: more than zero and at most {@link #MAX} (365 days), so that every use (a deadline in
 * milliseconds, a flush interval in nanoseconds, a point in time) stays in range.
 */
public record TimeSpan(Duration duration) {
  /** The longest duration a job file may give. */
  public static final Duration MAX = Duration.ofDays(365);

  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  public TimeSpan {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("must be > 0");
    }
    if (duration.compareTo(MAX) > 0) {
      throw new IllegalArgumentException("must be at most 365d");
    }
  }

  public static TimeSpan parse(String text) {
    String t = text.trim();
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      Duration unit = switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(1);
        case "s" -> Duration.ofSeconds(1);
        case "m" -> Duration.ofMinutes(1);
        case "h" -> Duration.ofHours(1);
        default -> Duration.ofDays(1);
      };
      // compared before multiplying: the number may be far beyond a long
      String digits = m.group(1).replaceFirst("^0+(?=\\d)", "");
      if (digits.length() > 12 || unit.multipliedBy(Long.parseLong(digits)).compareTo(MAX.minus(total)) > 0) {
        throw new IllegalArgumentException("must be at most 365d");
      }
      total = total.plus(unit.multipliedBy(Long.parseLong(digits)));
      end = m.end();
    }
    if (end == 0 || end != t.length()) {
      throw new IllegalArgumentException(
          "expected a duration such as 500ms, 60s, 15m, 2h or 1h30m, got '" + t + "'");
    }
    return new TimeSpan(total);
  }

  @Override
  public String toString() {
    Duration d = duration;
    StringBuilder s = new StringBuilder();
    if (d.toHours() > 0) {
      s.append(d.toHours()).append('h');
      d = d.minusHours(d.toHours());
    }
    if (d.toMinutes() > 0) {
      s.append(d.toMinutes()).append('m');
      d = d.minusMinutes(d.toMinutes());
    }
    if (d.getSeconds() > 0) {
      s.append(d.getSeconds()).append('s');
      d = d.minusSeconds(d.getSeconds());
    }
    if (d.toMillis() > 0) {
      s.append(d.toMillis()).append("ms");
    }
    return s.toString();
  }
}
