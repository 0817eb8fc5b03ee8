package io.inscope.configs;

/**
 * The training schedule. Exactly one of {@code epochs} and {@code steps}.
 *
 * <pre>
 * train: {epochs: 10, log_every_steps: 100, eval_every: epoch}
 * </pre>
 */
public record TrainSpec(
    @Doc("passes over the training data") @OptionalKey @Range(min = 1) Integer epochs,
    @Doc("training steps (global batches)") @OptionalKey @Range(min = 1) Long steps,
    @Doc("training steps run inside one Session.run") @Default("1") @Range(min = 1)
        int stepsPerExecution,
    @Doc("a metrics line every this many steps") @Default("100") @Range(min = 1)
        int logEverySteps,
    @Doc("evaluate the eval split: epoch, never, or every N steps") @Default("epoch")
        Every evalEvery) {

  public TrainSpec {
    if ((epochs == null) == (steps == null)) {
      throw new SpecException(
          "", "set exactly one of epochs and steps (got " + (epochs == null ? "neither" : "both") + ")");
    }
  }
}
