package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The measurement plan of steps_per_execution: auto and the rule that picks a length from it. */
class ExecutionTunerTest {

  /** 1 until its four executions are recorded (however far the producer runs ahead), then K. */
  @Test
  void plansOneUntilItIsMeasuredThenK() {
    ExecutionTuner t = new ExecutionTuner(8);
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      lengths.add(t.nextLength());
    }
    assertEquals(List.of(1, 1, 1, 1, 1, 1), lengths, "the producer ran ahead of the measurement");
    for (int r = 0; r < ExecutionTuner.REPEATS; r++) {
      assertFalse(t.record(1, 1_000_000));
    }
    assertEquals(8, t.nextLength());
  }

  /** 1000 µs per step at 1 against 700 at 8: 8. The first of each length is not timed. */
  @Test
  void keepsKWhenItIsMoreThanFivePercentFaster() {
    ExecutionTuner t = new ExecutionTuner(8);
    assertFalse(t.record(1, 1_000_000_000L), "a slow first execution must not count");
    for (int r = 1; r < ExecutionTuner.REPEATS; r++) {
      assertFalse(t.record(1, 1_000_000L + r));
    }
    assertFalse(t.record(8, 8 * 700_000L * 50));
    for (int r = 1; r < ExecutionTuner.REPEATS - 1; r++) {
      assertFalse(t.record(8, 8 * 700_000L + r));
    }
    assertTrue(t.record(8, 8 * 700_000L));
    assertEquals(8, t.chosen());
    assertEquals(1_000_001L, t.nanosPerStep().get(1));
    assertEquals(700_000L, t.nanosPerStep().get(8));
    assertEquals(8, t.nextLength());
    assertFalse(t.record(8, 1), "decided once");
  }

  /** 1000 µs against 960 µs at 16 (4% faster): not worth it, 1. */
  @Test
  void keepsOneWhenKGainsFivePercentOrLess() {
    ExecutionTuner t = new ExecutionTuner(16);
    for (int r = 0; r < ExecutionTuner.REPEATS; r++) {
      t.record(1, 1_000_000L);
    }
    boolean decided = false;
    for (int r = 0; r < ExecutionTuner.REPEATS; r++) {
      decided = t.record(16, 16 * 960_000L);
    }
    assertTrue(decided);
    assertEquals(1, t.chosen());
    assertEquals(1, t.nextLength());
  }

  /** A step of 5 ms or more at one step per run decides for 1 without ever planning K. */
  @Test
  void aHeavyStepKeepsOneWithoutRunningK() {
    ExecutionTuner t = new ExecutionTuner(8);
    boolean decided = false;
    for (int r = 0; r < ExecutionTuner.REPEATS; r++) {
      assertEquals(1, t.nextLength());
      decided = t.record(1, ExecutionTuner.HEAVY_STEP_MICROS * 1000);
    }
    assertTrue(decided);
    assertEquals(1, t.chosen());
    for (int i = 0; i < 10; i++) {
      assertEquals(1, t.nextLength());
    }
    assertEquals(List.of(1), List.copyOf(t.nanosPerStep().keySet()));
  }

  /** Executions cut short at an evaluation count for their own length; other lengths for none. */
  @Test
  void cutExecutionsCountOnlyForMeasuredLengths() {
    ExecutionTuner t = new ExecutionTuner(4);
    assertFalse(t.record(3, 1000));
    for (int r = 0; r < ExecutionTuner.REPEATS; r++) {
      t.record(1, 10_000);
    }
    assertEquals(0, t.chosen());
    assertFalse(t.record(2, 1000));
    for (int r = 0; r < ExecutionTuner.REPEATS - 1; r++) {
      t.record(4, 80_000);
    }
    assertTrue(t.record(4, 80_000));
    assertEquals(1, t.chosen(), "1 step per run at 10 µs beats 4 at 20 µs per step");
    assertEquals(2, t.nanosPerStep().size());
  }
}
