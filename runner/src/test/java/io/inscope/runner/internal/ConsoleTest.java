package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.train.StepMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConsoleTest {
  @TempDir Path tmp;

  @Test
  void withoutATerminalEachLogStepIsOneLineWithTheTimeLeft() throws Exception {
    StringWriter text = new StringWriter();
    try (MetricsFile metrics = new MetricsFile(tmp.resolve("metrics.jsonl"));
        Console console = new Console(new PrintWriter(text), metrics, false, false, false, 0, 400)) {
      for (long step = 1; step <= 200; step++) {
        console.onStep(step, 400, 0.5);
      }
      console.onLog(new StepMetrics("train", 100, 2, 0.5, Map.of("top_k_accuracy", 0.97, "accuracy", 0.875), 5230.4));
      console.onLog(new StepMetrics("train", 200, 3, 0.25, Map.of("top_k_accuracy", 0.99, "accuracy", 0.9), 5100));
    }
    String[] lines = text.toString().split("\n");
    assertEquals(2, lines.length, text.toString());
    assertTrue(lines[0].startsWith("train step 100  epoch 2  loss 0.5000  accuracy 0.8750  top_k_accuracy 0.9700  5230 examples/s  eta "), lines[0]);
    assertTrue(lines[1].matches(".* eta (\\d+s|\\d+m\\d\\ds|\\d+h\\d\\dm\\d\\ds)"), lines[1]);
    assertEquals(2, Files.readAllLines(tmp.resolve("metrics.jsonl")).size());
  }

  @Test
  void theBarShowsTheMetricsAndSpeedOfTheLatestLog() {
    assertEquals(", accuracy 0.9000, top_k_accuracy 0.9900, 5100 ex/s",
        Console.barSuffix(new StepMetrics("train", 200, 3, 0.25, Map.of("top_k_accuracy", 0.99, "accuracy", 0.9), 5100)));
  }

  @Test
  void timeLeftIsUnknownBeforeTheFirstStepOfThisProcess() throws Exception {
    try (MetricsFile metrics = new MetricsFile(tmp.resolve("metrics.jsonl"));
        Console console = new Console(new PrintWriter(new StringWriter()), metrics, true, false, false, 50, 100)) {
      assertEquals("?", console.eta(50));
      assertEquals("0s", console.eta(100));
    }
  }
}
