package io.inscope.configs;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A duration written as {@code 500ms}, {@code 60s}, {@code 15m}, {@code 2h} or {@code 1h30m}. */
public record TimeSpan(Duration duration) {
  private static final Pattern PART = Pattern.compile("(\\d+)(ms|s|m|h|d)");

  public TimeSpan {
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("must be > 0");
    }
  }

  public static TimeSpan parse(String text) {
    String t = text.trim();
    Matcher m = PART.matcher(t);
    Duration total = Duration.ZERO;
    int end = 0;
    while (m.find() && m.start() == end) {
      long n = Long.parseLong(m.group(1));
      total = total.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      });
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
