package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lifecycle keeps strategies behind their interface: no code of the runner asks which strategy
 * it holds ({@code instanceof TpuStrategy} and the like); what differs goes through {@code Strategy}.
 */
class StrategyBoundaryTest {
  private static final Pattern TYPE_TEST = Pattern.compile("instanceof\\s+\\w*Strategy\\b");

  @Test
  void runnerNeverTestsAStrategysClass() throws Exception {
    Path sources = Path.of("src", "main", "java");
    assertTrue(Files.isDirectory(sources), sources.toAbsolutePath().toString());
    List<String> found = new ArrayList<>();
    int files = 0;
    try (Stream<Path> walk = Files.walk(sources)) {
      for (Path file : walk.filter(p -> p.toString().endsWith(".java")).toList()) {
        files++;
        List<String> lines = Files.readAllLines(file);
        for (int i = 0; i < lines.size(); i++) {
          if (TYPE_TEST.matcher(lines.get(i)).find()) {
            found.add(file + ":" + (i + 1) + ": " + lines.get(i).strip());
          }
        }
      }
    }
    assertTrue(files > 10, "scanned only " + files + " files");
    assertEquals(List.of(), found);
  }
}
