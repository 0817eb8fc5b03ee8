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
    assertEquals(16, auto.copies(128, 784, 2, 10_000), "MLP-A");
    assertEquals(8, auto.copies(128, 784, 5, 10_000), "5 layers: 8 x 5 <= 64");
    assertEquals(1, auto.copies(128, 784, 70, 10_000), "a deep network");
    assertEquals(8, auto.copies(128, 12_288, 2, 10_000), "64x64x3 images: 8 x 128 x 12288 <= 2^24 < 16 x ...");
    assertEquals(1, auto.copies(128, 150_528, 2, 10_000), "224x224x3 images");
    assertEquals(1, auto.copies(128, 784, 2, 999), "fewer than 1000 steps");
    assertEquals(16, auto.copies(128, 784, 2, -1), "steps unknown");
    assertEquals(7, StepsPerExecution.of(7).copies(128, 150_528, 70, 5), "a fixed number is kept");
  }
}
