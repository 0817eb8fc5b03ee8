package io.inscope.modules.train;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code train.steps_per_execution: auto}: picks how many of the graph's K chained steps one {@code
 * Session.run} runs, from a measurement over the run's first executions. It plans {@value #REPEATS}
 * executions of each candidate length 1, 2, 4, ..., K in turn; the first of each length is not
 * timed (TensorFlow builds an executor for each new set of fetches and targets), the others give
 * a time per step, and the length kept is the shortest within {@value #TOLERANCE_PERCENT}% of the
 * fastest. Any length trains bit for bit alike, so the choice (and an execution cut short at an
 * evaluation or checkpoint) only changes the speed.
 *
 * <p>{@link #nextLength} is called by the batch producer thread, once per execution in order;
 * {@link #record} by the training thread after each execution.
 */
final class ExecutionTuner {
  static final int REPEATS = 4;
  static final int TOLERANCE_PERCENT = 5;

  private final int max;
  private final int[] plan;
  private final AtomicInteger planned = new AtomicInteger();
  private volatile int chosen;
  private final Map<Integer, long[]> best = new LinkedHashMap<>();
  private final Map<Integer, Integer> seen = new LinkedHashMap<>();

  /** @param max the graph's chained steps (K) */
  ExecutionTuner(int max) {
    this.max = max;
    int candidates = 0;
    for (int k = 1; k <= max; k *= 2) {
      candidates++;
    }
    plan = new int[candidates * REPEATS];
    int i = 0;
    for (int k = 1; k <= max; k *= 2) {
      for (int r = 0; r < REPEATS; r++) {
        plan[i++] = k;
      }
      best.put(k, new long[] {Long.MAX_VALUE});
      seen.put(k, 0);
    }
    if (Integer.bitCount(max) != 1) {
      throw new IllegalArgumentException("auto needs a power of two of chained steps (got " + max + ")");
    }
  }

  /** The length of the next execution: the plan's, then the chosen one (the most until chosen). */
  int nextLength() {
    int i = planned.getAndIncrement();
    if (i < plan.length) {
      return plan[i];
    }
    int c = chosen;
    return c == 0 ? max : c;
  }

  /**
   * Times one execution of {@code steps} steps (cut short or not: the time is that of its length).
   *
   * @return true when this execution completed the measurement and a length was chosen
   */
  boolean record(int steps, long nanos) {
    if (chosen != 0 || !best.containsKey(steps)) {
      return false;
    }
    int n = seen.merge(steps, 1, Integer::sum);
    if (n > 1) {
      best.get(steps)[0] = Math.min(best.get(steps)[0], nanos / steps);
    }
    for (long[] b : best.values()) {
      if (b[0] == Long.MAX_VALUE) {
        return false;
      }
    }
    if (seen.values().stream().anyMatch(s -> s < REPEATS)) {
      return false;
    }
    long fastest = best.values().stream().mapToLong(b -> b[0]).min().orElseThrow();
    for (Map.Entry<Integer, long[]> e : best.entrySet()) {
      if (e.getValue()[0] * 100 <= fastest * (100 + TOLERANCE_PERCENT)) {
        chosen = e.getKey();
        return true;
      }
    }
    throw new IllegalStateException("no length within the tolerance of the fastest");
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
