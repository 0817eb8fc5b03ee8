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
  void theBarShowsTheMetricsOfTheLogOfThisStepNotThePreviousOne() throws Exception {
    try (MetricsFile metrics = new MetricsFile(tmp.resolve("metrics.jsonl"));
        Console console = new Console(new PrintWriter(new StringWriter()), metrics, false, false, false, 0, 400)) {
      console.onStep(100, 400, 0.5);
      console.onLog(new StepMetrics("train", 100, 2, 0.5, Map.of("accuracy", 0.875), 5230));
      assertEquals("epoch 2, loss 0.5000, accuracy 0.8750, 5230 ex/s", Console.barMessage(0.5,
          new StepMetrics("train", 100, 2, 0.5, Map.of("accuracy", 0.875), 5230), 200));
      // an 80-column terminal (no terminal here) has room for the epoch and loss only
      assertEquals("epoch 2, loss 0.5000", console.barMessage(), "the log of step 100 shows at step 100");
      console.onStep(200, 400, 0.25);
      console.onLog(new StepMetrics("train", 200, 3, 0.25, Map.of("accuracy", 0.9), 5100));
      assertEquals("epoch 3, loss 0.2500", console.barMessage());
    }
  }

  @Test
  void onAn80ColumnTerminalTheMessageIsShortenedAndTheBarKeepsItsWidth() {
    StepMetrics log = new StepMetrics("train", 1307, 130, 0.0017, Map.of("accuracy", 1.0, "top_k_accuracy", 1.0), 15864);
    int room = Console.messageColumns(80, 3000);
    // "train 100% [" and "] 1307/3000 (0:00:03 / 0:00:04) " take 44 columns, 2 spare: 80 - 46 - 10 for the bar
    assertEquals(24, room);
    String message = Console.barMessage(0.0017, log, room);
    assertEquals("epoch 130, loss 0.0017", message);
    String rendered = "train  43% [" + "=".repeat(10) + "] 1307/3000 (0:00:03 / 0:00:04) " + message;
    assertTrue(rendered.length() <= 80, rendered.length() + ": " + rendered);
    assertEquals("epoch 130, loss 0.0017, accuracy 1.0000, top_k_accuracy 1.0000, 15864 ex/s",
        Console.barMessage(0.0017, log, Console.messageColumns(200, 3000)), "a wide terminal shows everything");
    assertEquals("epoch 130, loss 0.0017, accuracy 1.0000", Console.barMessage(0.0017, log, 40), "speed and the last metric go first");
    assertEquals("loss 0.0017", Console.barMessage(0.0017, log, 0), "the loss always stays");
  }

  @Test
  void theProgressBarLibraryDrawsAtLeastTenColumnsOfBarWithTheFittedMessage() {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    StepMetrics log = new StepMetrics("train", 1307, 130, 0.0017, Map.of("accuracy", 1.0, "top_k_accuracy", 1.0), 15864);
    String message = Console.barMessage(0.0017, log, Console.messageColumns(80, 3000));
    try (me.tongfei.progressbar.ProgressBar bar = new me.tongfei.progressbar.ProgressBarBuilder().setTaskName("train")
        .setInitialMax(3000).setStyle(me.tongfei.progressbar.ProgressBarStyle.ASCII)
        .setConsumer(new me.tongfei.progressbar.ConsoleProgressBarConsumer(new java.io.PrintStream(bytes, true), 80)).build()) {
      bar.stepTo(1307);
      bar.setExtraMessage(message);
    }
    String[] draws = bytes.toString().split("\r");
    String last = draws[draws.length - 1].strip();
    assertTrue(last.endsWith(message), last);
    assertTrue(last.length() <= 80, last);
    int bar = last.indexOf(']') - last.indexOf('[') - 1;
    assertTrue(bar >= 10, "the bar is " + bar + " columns: " + last);
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
