package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.ConfigError;
import io.inscope.configs.JobFileException;
import io.inscope.configs.JobSpec;
import io.inscope.configs.Jobs;
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
  void nonPrintableAndNonUtf8InputIsAnError() throws Exception {
    assertTrue(only(errors(Jobs.TINY + "output: a\u0007b\n")).startsWith("invalid character U+0007"));
    Files.write(dir.resolve("latin1.yaml"), new byte[] {'n', 'a', 'm', 'e', ':', ' ', (byte) 0xe9, '\n'});
    JobFileException e = assertThrows(JobFileException.class, () -> Jobs.load(dir.resolve("latin1.yaml")));
    assertEquals("not UTF-8 text", e.errors().get(0).message());
  }
}
