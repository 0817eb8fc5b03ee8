package io.inscope.modules.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code train.steps_per_execution: auto}: picks how many of the graph's K chained steps one {@code
 * Session.run} runs, from a measurement over the run's first executions. Two lengths are measured,
 * 1 and K, {@value #REPEATS} executions each, 1 first; the first of each is not timed (TensorFlow
 * builds an executor, and optimizes its graph, for each new set of fetches and targets), the others
 * give a time per step. K is kept when its best time per step is more than {@value
 * #TOLERANCE_PERCENT}% below 1's, else 1. A step that takes {@value #HEAVY_STEP_MICROS} µs or more at
 * one step per run keeps 1 without running K at all: what chaining saves is the fixed cost of a
 * {@code Session.run} (about 0.2-0.3 ms on this machine's CPU), under 5% of such a step, and the
 * first execution of K steps would cost an executor over the whole chained graph. Intermediate
 * lengths are not measured: each would cost an executor of its own (measured: the lengths 2, 4 and 8
 * together cost about as much as K = 16's own). Any length trains bit for bit alike, so the choice
 * (and an execution cut short at an evaluation or checkpoint) only changes the speed.
 *
 * <p>{@link #nextLength} is called by the batch producer thread, once per execution in order;
 * {@link #record} by the training thread after each execution. The producer plans no execution of
 * K steps before the measurement of 1 is complete, so a heavy step never builds the K executor.
 */
final class ExecutionTuner {
  static final int REPEATS = 4;
  static final int TOLERANCE_PERCENT = 5;
  static final long HEAVY_STEP_MICROS = 5_000;

  private final int max;
  private final AtomicInteger planned = new AtomicInteger();
  private volatile int chosen;
  private volatile boolean oneMeasured;
  private final Map<Integer, long[]> best = new LinkedHashMap<>();
  private final Map<Integer, Integer> seen = new LinkedHashMap<>();

  /** @param max the graph's chained steps (K), at least 2 */
  ExecutionTuner(int max) {
    if (max < 2) {
      throw new IllegalArgumentException("auto measures 1 against K > 1 chained steps (got " + max + ")");
    }
    this.max = max;
    for (int k : new int[] {1, max}) {
      best.put(k, new long[] {Long.MAX_VALUE});
      seen.put(k, 0);
    }
  }

  /**
   * The length of the next execution: 1 until its measurement is recorded (and for good when it
   * decided), then K until chosen, then the chosen one.
   */
  int nextLength() {
    int c = chosen;
    if (c != 0) {
      return c;
    }
    if (planned.get() < REPEATS || !oneMeasured) {
      planned.incrementAndGet();
      return 1;
    }
    return max;
  }

  /**
   * Times one execution of {@code steps} steps (cut short or not: the time is that of its length).
   *
   * @return true when this execution completed the measurement and a length was chosen
   */
  synchronized boolean record(int steps, long nanos) {
    if (chosen != 0 || !best.containsKey(steps)) {
      return false;
    }
    int n = seen.merge(steps, 1, Integer::sum);
    if (n > 1) {
      best.get(steps)[0] = Math.min(best.get(steps)[0], nanos / steps);
    }
    if (steps == 1 && n >= REPEATS && !oneMeasured) {
      oneMeasured = true;
      if (best.get(1)[0] >= HEAVY_STEP_MICROS * 1000) {
        chosen = 1;
        return true;
      }
    }
    if (!oneMeasured || seen.get(max) < REPEATS) {
      return false;
    }
    chosen = best.get(max)[0] * 100 < best.get(1)[0] * (100 - TOLERANCE_PERCENT) ? max : 1;
    return true;
  }

  /** The chosen length, or 0 while measuring. */
  int chosen() {
    return chosen;
  }

  /** The fastest time per step measured for each length, in nanoseconds (lengths measured only). */
  Map<Integer, Long> nanosPerStep() {
    Map<Integer, Long> out = new LinkedHashMap<>();
    best.forEach((k, b) -> {
      if (b[0] != Long.MAX_VALUE) {
        out.put(k, b[0]);
      }
    });
    return out;
  }
}
