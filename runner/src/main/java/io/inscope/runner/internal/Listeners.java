package io.inscope.runner.internal;

import io.inscope.modules.train.StepMetrics;
import io.inscope.modules.train.TrainListener;
import java.nio.file.Path;
import java.util.List;

/** Passes every run-loop event to several listeners, in order. */
public final class Listeners implements TrainListener {
  private final List<TrainListener> all;

  public Listeners(List<TrainListener> all) {
    this.all = List.copyOf(all);
  }

  @Override
  public void onStep(long step, long totalSteps, double loss) {
    all.forEach(l -> l.onStep(step, totalSteps, loss));
  }

  @Override
  public void onLog(StepMetrics train) {
    all.forEach(l -> l.onLog(train));
  }

  @Override
  public void onEval(StepMetrics eval) {
    all.forEach(l -> l.onEval(eval));
  }

  @Override
  public void onStepsPerExecution(int steps, java.util.Map<Integer, Long> nanosPerStep) {
    all.forEach(l -> l.onStepsPerExecution(steps, nanosPerStep));
  }

  @Override
  public void onCheckpoint(long step, Path checkpoint) {
    all.forEach(l -> l.onCheckpoint(step, checkpoint));
  }
}
