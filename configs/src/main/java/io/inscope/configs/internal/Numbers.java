package io.inscope.configs.internal;

import java.math.BigInteger;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/** Reads YAML integers and floats ({@code 1_000}, {@code 0x1f}, {@code 1e-07}, {@code .5}). */
final class Numbers {
  private static final Resolver RESOLVER = new Resolver();

  private Numbers() {}

  /** The integer a YAML int scalar denotes, or null (sexagesimal {@code 1:30} is not accepted). */
  static Long parseInteger(String text) {
    String t = text.replace("_", "");
    boolean negative = t.startsWith("-");
    if (negative || t.startsWith("+")) {
      t = t.substring(1);
    }
    int radix = 10;
    if (t.startsWith("0x") || t.startsWith("0o") || t.startsWith("0b")) {
      radix = t.charAt(1) == 'x' ? 16 : t.charAt(1) == 'o' ? 8 : 2;
      t = t.substring(2);
    }
    try {
      long n = Long.parseLong(t, radix);
      return negative ? -n : n;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The finite double a YAML float scalar denotes, or null ({@code .inf} and {@code .nan} are not accepted). */
  static Double parseFinite(String text) {
    try {
      double d = Double.parseDouble(text.replace("_", ""));
      return Double.isFinite(d) ? d : null;
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** Whether a YAML 1.2 boolean: true or false (also True, TRUE, False, FALSE). */
  static boolean isBoolean(String text) {
    return text.matches("true|True|TRUE|false|False|FALSE");
  }

  /**
   * Whether a plain number written with a leading zero ({@code 017}, {@code -0_18}): octal to YAML
   * 1.1 (SnakeYAML) when every digit is octal, else a string; decimal to YAML 1.2.
   */
  static boolean hasLeadingZero(YNode.Scalar s) {
    boolean number = s.type() == YNode.Type.INT || s.type() == YNode.Type.FLOAT || s.type() == YNode.Type.STR && s.plain();
    return number && s.text().replace("_", "").matches("[-+]?0[0-9]+");
  }

  /** The error for a number with a leading zero, which YAML 1.1 and 1.2 read differently. */
  static String leadingZero(String text) {
    String t = text.replace("_", "");
    String sign = t.startsWith("-") ? "-" : "";
    BigInteger decimal = new BigInteger(t.replaceFirst("^[-+]", ""));
    String write = sign + decimal;
    if (!t.matches("[-+]?[0-7]+")) {
      return "ambiguous number " + YNode.quote(text) + ": write " + write + " without the leading 0";
    }
    BigInteger octal = new BigInteger(t.replaceFirst("^[-+]", ""), 8);
    return "ambiguous number " + YNode.quote(text) + ": YAML 1.1 reads a leading 0 as octal (" + sign + octal + "), YAML 1.2 as decimal ("
        + write + "); write " + write + ", or " + sign + "0x" + octal.toString(16) + " for " + sign + octal;
  }

  /** The YAML type a plain scalar with this text would have. */
  static YNode.Type resolve(String text) {
    Tag tag = RESOLVER.resolve(NodeId.scalar, text, true);
    if (tag.equals(Tag.INT)) {
      return YNode.Type.INT;
    }
    if (tag.equals(Tag.FLOAT)) {
      return YNode.Type.FLOAT;
    }
    if (tag.equals(Tag.BOOL)) {
      return YNode.Type.BOOL;
    }
    return tag.equals(Tag.NULL) ? YNode.Type.NULL : YNode.Type.STR;
  }

  /** Whether the text, unquoted, would be a value of the given Java type. */
  static boolean resolvesTo(String text, Class<?> raw) {
    YNode.Type type = resolve(text);
    if (Types.isBoolean(raw)) {
      return type == YNode.Type.BOOL && isBoolean(text);
    }
    if (Types.isDouble(raw)) {
      return type == YNode.Type.INT || type == YNode.Type.FLOAT;
    }
    return Types.isInteger(raw) && type == YNode.Type.INT;
  }
}
