package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The measurement plan of steps_per_execution: auto and the rule that picks a length from it. */
class ExecutionTunerTest {

  @Test
  void plansFourExecutionsOfEachPowerOfTwoThenTheMostUntilChosen() {
    ExecutionTuner t = new ExecutionTuner(8);
    List<Integer> lengths = new ArrayList<>();
    for (int i = 0; i < 18; i++) {
      lengths.add(t.nextLength());
    }
    assertEquals(List.of(1, 1, 1, 1, 2, 2, 2, 2, 4, 4, 4, 4, 8, 8, 8, 8, 8, 8), lengths);
  }

  /** Per-step times 100, 60, 52, 50 µs: 4 is within 5% of the fastest (8), 2 is not. */
  @Test
  void choosesTheShortestLengthWithinFivePercentOfTheFastest() {
    ExecutionTuner t = new ExecutionTuner(8);
    Map<Integer, Long> perStep = Map.of(1, 100_000L, 2, 60_000L, 4, 52_000L, 8, 50_000L);
    boolean decided = false;
    for (int k : new int[] {1, 2, 4, 8}) {
      // the first of each length is not timed: a slow one must not count
      assertFalse(t.record(k, perStep.get(k) * k * 50));
      for (int r = 1; r < ExecutionTuner.REPEATS; r++) {
        decided = t.record(k, perStep.get(k) * k + r);
      }
    }
    assertTrue(decided);
    assertEquals(4, t.chosen());
    assertEquals(8, t.nanosPerStep().size() * 2);
    assertEquals(50_000L, t.nanosPerStep().get(8));
    for (int i = 0; i < 16; i++) {
      t.nextLength();
    }
    assertEquals(4, t.nextLength());
    assertFalse(t.record(4, 1), "decided once");
  }

  /** Executions cut short at an evaluation count for their own length; odd lengths for none. */
  @Test
  void cutExecutionsCountForTheirLength() {
    ExecutionTuner t = new ExecutionTuner(2);
    assertFalse(t.record(3, 1000));
    for (int r = 0; r < ExecutionTuner.REPEATS; r++) {
      t.record(1, 10_000);
    }
    assertEquals(0, t.chosen());
    for (int r = 0; r < ExecutionTuner.REPEATS - 1; r++) {
      t.record(2, 40_000);
    }
    assertTrue(t.record(2, 40_000));
    assertEquals(1, t.chosen(), "1 step per run at 10 µs beats 2 at 20 µs per step");
  }
}
