package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class EscapesTest {
  @Test
  void controlCharactersReadAsYamlEscapes() {
    assertEquals("\\e[31mred\\e[0m", Escapes.escape("\u001b[31mred\u001b[0m"));
    assertEquals("a\\0b\\tc\\nd\\re\\x7f\\x9b\\x01", Escapes.escape("a\0b\tc\nd\re\u007f\u009b\u0001"));
    assertEquals("\\N\\L\\P", Escapes.escape("\u0085\u2028\u2029"));
  }

  @Test
  void charactersThatReorderOrHideTextAreEscaped() {
    assertEquals("\\u202eabc\\u2066\\ufeff", Escapes.escape("\u202eabc\u2066\ufeff"));
    assertEquals("cut \\ud83d", Escapes.escape("cut \ud83d"));
  }

  @Test
  void printableTextIsLeftAsItIs() {
    String text = "caf\u00e9 \ud83d\ude00 C:\\data 'x' \u4e2d";
    assertSame(text, Escapes.escape(text));
    assertFalse(Escapes.needsEscaping(text));
    assertTrue(Escapes.needsEscaping("a\u001b"));
  }

  @Test
  void theErrorFormatEscapesEveryPart() {
    ConfigError e = new ConfigError("a\u001b.yaml", 1, 2, "x\ty", "got '\u001b[2J'");
    assertEquals("a\\e.yaml:1:2: x\\ty: got '\\e[2J'", e.format());
    assertEquals("a\\e.yaml has 1 error:\n  a\\e.yaml:1:2: x\\ty: got '\\e[2J'", new JobFileException("a\u001b.yaml", List.of(e)).report());
  }
}
