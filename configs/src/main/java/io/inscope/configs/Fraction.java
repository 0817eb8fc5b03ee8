package io.inscope.configs;

/**
 * A finite number that may be written as a fraction: {@code 0.5}, {@code 1/255} or {@code
 * 1./255}. It is written back as it was given, so a resolved job keeps {@code 1/255}.
 *
 * @param value the number
 * @param text how the job file wrote it
 */
public record Fraction(double value, String text) {
  public Fraction {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("must be a finite number");
    }
  }

  /** A number written as itself. */
  public static Fraction of(double value) {
    return new Fraction(value, Double.toString(value));
  }

  /** Parses a number, or {@code a/b} of two numbers with b not zero. */
  public static Fraction parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    try {
      if (slash < 0) {
        return new Fraction(Double.parseDouble(number(t)), t);
      }
      double numerator = Double.parseDouble(number(t.substring(0, slash).trim()));
      double denominator = Double.parseDouble(number(t.substring(slash + 1).trim()));
      if (denominator == 0) {
        throw new IllegalArgumentException("the denominator must not be 0");
      }
      return new Fraction(numerator / denominator, t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected a number or a fraction such as 1/255, got '" + t + "'");
    }
  }

  /** Java's parser also takes hexadecimal, "NaN", "Infinity" and a trailing d or f: not numbers here. */
  private static String number(String s) {
    if (!s.matches("[+-]?(\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?")) {
      throw new NumberFormatException(s);
    }
    return s;
  }

  @Override
  public String toString() {
    return text;
  }
}
