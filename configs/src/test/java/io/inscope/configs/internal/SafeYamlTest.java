package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.ConfigError;
import io.inscope.configs.JobFileException;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile documents fail as config errors: no object is constructed, no bound is passed. */
class SafeYamlTest {
  @TempDir Path dir;

  private List<ConfigError> errors(String yaml) {
    Path file = Jobs.write(dir, "job.yaml", yaml);
    return assertThrows(JobFileException.class, () -> Jobs.load(file)).errors();
  }

  private static String only(List<ConfigError> errors) {
    assertEquals(1, errors.size(), errors.toString());
    return errors.get(0).message();
  }

  @Test
  void aJavaTagConstructsNothing() {
    Path target = dir.resolve("pwned");
    for (String tag : List.of("!!java.io.FileOutputStream [" + target + "]",
        "!!javax.script.ScriptEngineManager [!!java.net.URLClassLoader [[!!java.net.URL [\"file://" + target + "\"]]]]",
        "!<tag:yaml.org,2002:java.io.FileOutputStream> [" + target + "]")) {
      String message = only(errors(Jobs.TINY + "plugins: " + tag + "\n"));
      assertTrue(message.startsWith("tag !!java") && message.contains("is not allowed"), message);
    }
    assertFalse(Files.exists(target));
  }

  @Test
  void aBillionLaughsIsRejected() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for (int i = 1; i < 10; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(10, "*a" + (i - 1)))).append("]\n");
    }
    assertEquals("too many aliases: more than 50 references to anchored lists or maps", only(errors(yaml.toString())));
  }

  @Test
  void aliasesThatExpandPastTheNodeBoundAreRejected() {
    StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x]\n");
    for (int i = 1; i < 9; i++) {
      yaml.append("a").append(i).append(": &a").append(i).append(" [")
          .append(String.join(", ", java.util.Collections.nCopies(5, "*a" + (i - 1)))).append("]\n");
    }
    assertEquals("too many values: more than 100000 once aliases are expanded", only(errors(yaml.toString())));
  }

  @Test
  void aRecursiveAliasIsRejected() {
    assertTrue(only(errors(Jobs.TINY + "plugins: &loop [*loop]\n")).startsWith("nested too deep"));
  }

  @Test
  void deepNestingIsRejected() {
    assertTrue(only(errors("seed: " + "[".repeat(20_000) + "]".repeat(20_000) + "\n")).startsWith("nested too deep"));
    assertTrue(only(errors("seed: " + "{a: ".repeat(20_000) + "}".repeat(20_000) + "\n")).startsWith("nested too deep"));
  }

  @Test
  void aHugeFileIsRejectedBeforeParsing() {
    String message = only(errors("name: " + "x".repeat(8 << 20) + "\n"));
    assertTrue(message.startsWith("file too large: 8388615 bytes"), message);
  }

  @Test
  void aHugeDocumentGivenAsTextIsRejected() {
    JobFileException e = assertThrows(JobFileException.class,
        () -> Jobs.load(Map.of(), "name: " + "x".repeat(8 << 20) + "\n"));
    assertTrue(e.errors().get(0).message().startsWith("document too large"), e.report());
  }

  @Test
  void aLongValueUnderTheBoundLoadsAndIsShortenedInMessages() throws Exception {
    String longText = "x".repeat(100_000);
    assertEquals(100_000, Jobs.load(Map.of(), Jobs.TINY + "output: " + longText + "\n").output().length());
    String report = Jobs.errors(Map.of(), Jobs.TINY.replace("name: tiny", "name: " + longText));
    assertTrue(report.length() < 1000, report);
  }

  @Test
  void mergeKeysMergeAndExplicitKeysWin() throws Exception {
    String yaml = Jobs.TINY.replace("train: {epochs: 1}", "defaults: &d {epochs: 1, log_every_steps: 7}\ntrain: {<<: *d, epochs: 3}")
        .replace("defaults:", "x-defaults:");
    String report = Jobs.errors(Map.of(), yaml);
    assertTrue(report.contains("unknown key 'x-defaults'"), report);
    JobSpec spec = Jobs.load(Map.of(), Jobs.TINY.replace("train: {epochs: 1}", "train: {<<: {epochs: 1, log_every_steps: 7}, epochs: 3}"));
    assertEquals(3, spec.train().epochs());
    assertEquals(7, spec.train().logEverySteps());
  }

  @Test
  void nonPrintableAndNonUtf8InputIsAnErrorAtItsLineAndColumn() throws Exception {
    List<ConfigError> bell = errors(Jobs.TINY + "output: a\u0007b\n");
    assertEquals("control character U+0007 is not allowed (inside double quotes, write it as \\x07)", only(bell));
    assertEquals(List.of(11, 10), List.of(bell.get(0).line(), bell.get(0).column()));

    Files.write(dir.resolve("latin1.yaml"), "version: 1\nname: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1));
    JobFileException e = assertThrows(JobFileException.class, () -> Jobs.load(dir.resolve("latin1.yaml")));
    assertEquals("not UTF-8 text: byte 0xe9 at byte offset 20 (save the file as UTF-8)", e.errors().get(0).message());
    assertEquals(List.of(2, 10), List.of(e.errors().get(0).line(), e.errors().get(0).column()));

    Files.write(dir.resolve("utf16.yaml"), "version: 1\n".getBytes(StandardCharsets.UTF_16LE));
    byte[] utf16 = Files.readAllBytes(dir.resolve("utf16.yaml"));
    byte[] withBom = new byte[utf16.length + 2];
    withBom[0] = (byte) 0xff;
    withBom[1] = (byte) 0xfe;
    System.arraycopy(utf16, 0, withBom, 2, utf16.length);
    Files.write(dir.resolve("utf16.yaml"), withBom);
    e = assertThrows(JobFileException.class, () -> Jobs.load(dir.resolve("utf16.yaml")));
    assertTrue(e.report().contains("utf16.yaml:1:1: not UTF-8 text: the file starts with a UTF-16 byte order mark"), e.report());
  }

  @Test
  void columnsCountCodePointsAndLinesEndAsYamlEndsThem() throws Exception {
    // the emoji is one column, CRLF one line break, NEL (U+0085) another
    List<ConfigError> e = errors(Jobs.TINY + "output: \"\ud83d\ude00\" \r\n# x\u0085seed: [1, \u0001]\n");
    assertEquals(List.of(13, 11), List.of(e.get(0).line(), e.get(0).column()), e.toString());
  }

  @Test
  void boundsPassedInsideSnakeYamlAreReportedWhereItsReaderStopped() {
    StringBuilder deep = new StringBuilder(Jobs.TINY).append("x: ");
    deep.append("[".repeat(SafeYaml.MAX_DEPTH + 5)).append("]".repeat(SafeYaml.MAX_DEPTH + 5)).append('\n');
    List<ConfigError> e = errors(deep.toString());
    assertEquals("nested too deep: more than 64 levels of lists and maps", only(e));
    assertEquals(11, e.get(0).line());
    assertTrue(e.get(0).column() > 60, e.toString());
  }
}
