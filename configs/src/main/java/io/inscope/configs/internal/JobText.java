package io.inscope.configs.internal;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.yaml.snakeyaml.reader.StreamReader;

/**
 * The text of a job file: decoded from UTF-8 (a leading byte order mark dropped) and checked for
 * characters YAML does not allow, each fault located by 1-based line and column as SnakeYAML
 * counts them (a line ends at LF, CR, CRLF, NEL, LS or PS; a column is a code point).
 */
final class JobText {
  private JobText() {}

  /** A fault at a place in the text: 1-based line and column, and what is wrong. */
  record Fault(int line, int column, String message) {}

  /** The decoded text; or the fault, when the bytes are not UTF-8. */
  record Decoded(String text, Fault fault) {}

  static Decoded decode(byte[] bytes) {
    if (bytes.length >= 2 && ((bytes[0] & 0xff) == 0xfe && (bytes[1] & 0xff) == 0xff
        || (bytes[0] & 0xff) == 0xff && (bytes[1] & 0xff) == 0xfe)) {
      return new Decoded(null, new Fault(1, 1, "not UTF-8 text: the file starts with a UTF-16 byte order mark (save it as UTF-8)"));
    }
    CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes);
    CharBuffer out = CharBuffer.allocate(bytes.length);
    CoderResult result = decoder.decode(in, out, true);
    if (!result.isError()) {
      result = decoder.flush(out);
    }
    String text = out.flip().toString();
    int bom = text.startsWith("\uFEFF") ? 1 : 0;
    if (result.isError()) {
      int offset = in.position();
      int[] at = position(text.substring(bom), text.length() - bom);
      return new Decoded(null, new Fault(at[0], at[1], "not UTF-8 text: byte 0x"
          + String.format("%02x", bytes[offset] & 0xff) + " at byte offset " + offset + " (save the file as UTF-8)"));
    }
    return new Decoded(text.substring(bom), null);
  }

  /** The first character YAML does not allow (a control character other than TAB, LF, CR and NEL, an unpaired surrogate, U+FFFE, U+FFFF), or null. */
  static Fault unprintable(String text, boolean value) {
    for (int i = 0; i < text.length(); ) {
      int c = text.codePointAt(i);
      if (!StreamReader.isPrintable(c)) {
        int[] at = position(text, i);
        return new Fault(at[0], at[1], describe(c, value ? " at character " + at[1] + " of the value" : ""));
      }
      i += Character.charCount(c);
    }
    return null;
  }

  /** Line and column (1-based) of the character at {@code index} (a {@code char} index). */
  static int[] position(String text, int index) {
    int line = 1;
    int column = 1;
    for (int i = 0; i < index && i < text.length(); ) {
      int c = text.codePointAt(i);
      i += Character.charCount(c);
      boolean crlf = c == '\r' && i < text.length() && text.charAt(i) == '\n';
      if (!crlf && (c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029)) {
        line++;
        column = 1;
      } else if (!crlf) {
        column++;
      }
    }
    return new int[] {line, column};
  }

  private static String describe(int c, String where) {
    String name = String.format("U+%04X", c) + where;
    if (Character.isISOControl(c)) {
      String escape = c == 0 ? "\\0" : c == 0x1b ? "\\e" : String.format("\\x%02x", c);
      return "control character " + name + " is not allowed (inside double quotes, write it as " + escape + ")";
    }
    return "character " + name + " is not allowed";
  }
}
