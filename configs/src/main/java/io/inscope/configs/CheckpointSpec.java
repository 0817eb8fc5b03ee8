package io.inscope.configs;

/**
 * When checkpoints are written (always also at the end of training) and how many are kept.
 *
 * <pre>
 * checkpoint: {every_steps: 1000, keep: 3}
 * checkpoint: {every: epoch}
 * checkpoint: {every: epoch, best: {monitor: eval.accuracy, mode: max}}
 * </pre>
 */
public record CheckpointSpec(
    @Doc("write a checkpoint every N steps (or use every)") @OptionalKey @Range(min = 1)
        Integer everySteps,
    @Doc("epoch, never or N steps; default epoch unless every_steps is set") @OptionalKey
        Every every,
    @Doc("how many checkpoints to keep (the newest)") @Default("3") @Range(min = 1) int keep,
    @Doc("also keep the checkpoint of the best evaluation in checkpoints/best: {monitor, mode}") @OptionalKey
        BestCheckpointSpec best) {

  public CheckpointSpec {
    if (everySteps != null && every != null) {
      throw new SpecException("every", "set either every or every_steps, not both");
    }
    if (everySteps != null) {
      every = Every.steps(everySteps);
      everySteps = null;
    }
    if (every == null) {
      every = Every.EPOCH;
    }
  }

  public CheckpointSpec(Integer everySteps, Every every, int keep) {
    this(everySteps, every, keep, null);
  }
}
