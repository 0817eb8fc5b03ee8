package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** train.steps_per_execution: auto or 1..1000, and how many chained steps auto builds. */
class StepsPerExecutionTest {
  @Test
  void parsesAutoAndNumbers() {
    assertEquals(StepsPerExecution.AUTO, StepsPerExecution.parse("auto"));
    assertEquals(StepsPerExecution.of(25), StepsPerExecution.parse(" 25 "));
    assertEquals("auto", StepsPerExecution.AUTO.toString());
    assertEquals("25", StepsPerExecution.of(25).toString());
    assertThrows(IllegalArgumentException.class, () -> StepsPerExecution.parse("1001"));
    assertThrows(IllegalArgumentException.class, () -> StepsPerExecution.parse("many"));
  }

  @Test
  void autoCopiesShrinkWithDepthStagedValuesAndShortJobs() {
    StepsPerExecution auto = StepsPerExecution.AUTO;
    long mlpA = 784 * 256 + 256 + 256 * 10 + 10;
    assertEquals(16, auto.copies(128, 784, 2, mlpA, 10_000), "MLP-A");
    assertEquals(8, auto.copies(128, 784, 5, mlpA, 10_000), "5 layers: 8 x 5 <= 64");
    assertEquals(1, auto.copies(128, 784, 70, mlpA, 10_000), "a deep network");
    assertEquals(8, auto.copies(128, 12_288, 2, 1000, 10_000), "64x64x3 images: 8 x 128 x 12288 <= 2^24 < 16 x ...");
    assertEquals(1, auto.copies(128, 150_528, 2, 1000, 10_000), "224x224x3 images");
    assertEquals(1, auto.copies(128, 784, 2, mlpA, 9_999), "fewer than 10,000 steps");
    assertEquals(16, auto.copies(128, 784, 2, mlpA, -1), "steps unknown");
    long cnn = 5 * 5 * 32 + 32 + 5 * 5 * 32 * 64 + 64 + 3136 * 1024 + 1024 + 1024 * 10 + 10;
    assertEquals(1, auto.copies(64, 784, 8, cnn, 100_000), "the tutorial CNN: batch x weights >= 2^26");
    long mlpB = 784 * 1024 + 1024 + 1024 * 1024 + 1024 + 1024 * 10 + 10;
    assertEquals(1, auto.copies(256, 784, 3, mlpB, 100_000), "MLP-B");
    assertEquals(7, StepsPerExecution.of(7).copies(128, 150_528, 70, cnn, 5), "a fixed number is kept");
  }
}
