package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Golden tests of {@code check}'s report: each {@code bad/<case>.yaml} must fail with exactly the
 * report in {@code bad/<case>.expected.txt}. An optional {@code bad/<case>.args} holds {@code --set
 * path=value} and {@code env NAME=value} lines. Base files and data files live in subdirectories.
 */
class BadJobsTest {
  static final Path DIR = Path.of("src/test/resources/bad");

  static Stream<String> cases() throws IOException {
    try (Stream<Path> files = Files.list(DIR)) {
      return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".yaml"))
          .map(n -> n.substring(0, n.length() - ".yaml".length())).sorted().toList().stream();
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsEveryErrorOfTheFile(String name) throws IOException {
    List<String> sets = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    Path args = DIR.resolve(name + ".args");
    if (Files.exists(args)) {
      for (String line : Files.readAllLines(args)) {
        if (line.startsWith("--set ")) {
          sets.add(line.substring("--set ".length()));
        } else if (line.startsWith("env ")) {
          String[] kv = line.substring("env ".length()).split("=", 2);
          env.put(kv[0], kv[1]);
        } else if (!line.isBlank()) {
          throw new IllegalArgumentException(args + ": expected '--set path=value' or 'env NAME=value', got " + line);
        }
      }
    }
    JobFileException e = assertThrows(JobFileException.class,
        () -> new JobLoader(env).load(DIR.resolve(name + ".yaml"), sets));
    String report = e.report();
    assertFalse(report.contains("Exception"), report);
    Golden.check(DIR.resolve(name + ".expected.txt"), report + "\n");
  }

  @Test
  void coversManyDistinctBadInputs() throws IOException {
    assertTrue(cases().count() >= 35, "at least 35 bad-input cases");
  }

  @Test
  void everyGoldenFileHasItsFixture() throws IOException {
    List<String> names = cases().toList();
    try (Stream<Path> files = Files.list(DIR)) {
      List<String> orphans = files.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".expected.txt") || n.endsWith(".args"))
          .filter(n -> !names.contains(n.replaceFirst("\\.(expected\\.txt|args)$", ""))).toList();
      assertEquals(List.of(), orphans);
    }
  }
}
