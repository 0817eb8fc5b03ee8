package io.inscope.configs;

/**
 * Makes text safe to print on a terminal: every control character, and every character that can
 * reorder or hide text, is replaced by the escape a YAML double-quoted string would use for it, so
 * a value echoed in a message can neither move the cursor, recolour the terminal, nor break the
 * one-line error format.
 *
 * <table>
 *   <caption>escapes</caption>
 *   <tr><th>character</th><th>written</th></tr>
 *   <tr><td>NUL, BEL, BS, TAB, LF, VT, FF, CR, ESC</td><td>{@code \0 \a \b \t \n \v \f \r \e}</td></tr>
 *   <tr><td>other C0 controls, DEL, C1 controls</td><td>{@code \x01} ... {@code \x9f}</td></tr>
 *   <tr><td>NEL, line and paragraph separators</td><td>{@code \N \L \P}</td></tr>
 *   <tr><td>bidirectional controls, byte order mark, unpaired surrogates</td><td>a backslash, {@code u} and four hex digits</td></tr>
 * </table>
 *
 * <p>So a value holding ESC (U+001B) followed by {@code [31mred} prints as {@code \e[31mred}. A backslash is left as it is (paths on
 * Windows hold them), so the output is for reading, not for parsing back.
 */
public final class Escapes {
  private Escapes() {}

  /** The text with every unsafe character escaped; the same string when there is none. */
  public static String escape(String text) {
    int first = firstUnsafe(text);
    if (first < 0) {
      return text;
    }
    StringBuilder s = new StringBuilder(text.length() + 8).append(text, 0, first);
    for (int i = first; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        s.append(c).append(text.charAt(++i));
      } else if (unsafe(c)) {
        s.append(escaped(c));
      } else {
        s.append(c);
      }
    }
    return s.toString();
  }

  /** Whether the text holds a character that {@link #escape} would replace. */
  public static boolean needsEscaping(String text) {
    return firstUnsafe(text) >= 0;
  }

  private static int firstUnsafe(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
        i++;
      } else if (unsafe(c)) {
        return i;
      }
    }
    return -1;
  }

  private static boolean unsafe(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || Character.isSurrogate(c)
        || c == '\u061c' || c == '\u200e' || c == '\u200f' || (c >= '\u2028' && c <= '\u202e')
        || (c >= '\u2066' && c <= '\u2069') || c == '\ufeff';
  }

  private static String escaped(char c) {
    return switch (c) {
      case '\0' -> "\\0";
      case 0x07 -> "\\a";
      case '\b' -> "\\b";
      case '\t' -> "\\t";
      case '\n' -> "\\n";
      case 0x0b -> "\\v";
      case '\f' -> "\\f";
      case '\r' -> "\\r";
      case 0x1b -> "\\e";
      case '\u0085' -> "\\N";
      case '\u2028' -> "\\L";
      case '\u2029' -> "\\P";
      default -> c <= 0xff ? String.format("\\x%02x", (int) c) : String.format("\\u%04x", (int) c);
    };
  }
}
