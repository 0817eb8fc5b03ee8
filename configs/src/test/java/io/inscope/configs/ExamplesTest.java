package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every job file in the repository's {@code examples/} passes {@code check}. */
class ExamplesTest {
  static final Path DIR = Path.of("../examples");

  static List<Path> examples() throws IOException {
    if (!Files.isDirectory(DIR)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(DIR)) {
      return files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList();
    }
  }

  @Test
  void everyExamplePassesCheck() throws IOException {
    List<Path> examples = examples();
    assumeFalse(examples.isEmpty(), "no examples/*.yaml yet");
    StringBuilder failures = new StringBuilder();
    for (Path example : examples) {
      try {
        new JobLoader(Map.of()).load(example, List.of());
      } catch (JobFileException e) {
        failures.append(e.report()).append('\n');
      }
    }
    assertEquals("", failures.toString());
  }
}
