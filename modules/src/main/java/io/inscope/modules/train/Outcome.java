package io.inscope.modules.train;

/**
 * How a run loop ended.
 *
 * @param steps training steps done in total (including steps of earlier, resumed runs)
 * @param interrupted true when a stop was requested and the loop checkpointed and returned early
 * @param lastTrain the last logged training metrics, or null if none were logged
 * @param lastEval the last evaluation, or null without an eval split or with {@code eval_every: never}
 * @param stoppedEarly why training ended before its last step (early stopping), or null
 */
public record Outcome(long steps, boolean interrupted, StepMetrics lastTrain, StepMetrics lastEval, String stoppedEarly) {

  public Outcome(long steps, boolean interrupted, StepMetrics lastTrain, StepMetrics lastEval) {
    this(steps, interrupted, lastTrain, lastEval, null);
  }
}
