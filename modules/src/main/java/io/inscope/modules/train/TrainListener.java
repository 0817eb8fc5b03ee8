package io.inscope.modules.train;

import java.nio.file.Path;

/** What the run loop reports as it goes; the runner writes logs, metrics.jsonl and progress. */
public interface TrainListener {
  default void onStep(long step, long totalSteps, double loss) {}

  default void onLog(StepMetrics train) {}

  default void onEval(StepMetrics eval) {}

  default void onCheckpoint(long step, Path checkpoint) {}

  /**
   * {@code steps_per_execution: auto} chose {@code steps}, from the fastest time per step measured
   * for each length tried (nanoseconds, by length).
   */
  default void onStepsPerExecution(int steps, java.util.Map<Integer, Long> nanosPerStep) {}
}
