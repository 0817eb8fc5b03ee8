package io.inscope.configs;

/**
 * The training schedule. Exactly one of {@code epochs} and {@code steps}. {@code max_duration}
 * stops a run the way SIGTERM does (checkpoint, exit 75) before a scheduler's wall-clock limit;
 * {@code grace_period} bounds how long such a stop may take.
 *
 * <pre>
 * train: {epochs: 10, steps_per_execution: 25, log_every_steps: 100, eval_every: epoch, max_duration: 3h50m, grace_period: 30s}
 * </pre>
 *
 * <p>{@code --set train.steps=N} over a job with {@code epochs} (or the reverse) replaces it.
 *
 * <p>{@code steps_per_execution: K} runs up to K steps in one {@code Session.run}: the graph holds
 * K chained copies of the step, each on its own slice of a staged {@code [K × batch, ...]} batch.
 * Losses and metrics stay exact per step. Evaluations, checkpoints and a stop request happen
 * between executions: an execution ends early at a step where one is due, so they land on the
 * same steps as with K = 1. {@code auto} (the default) measures which K is fastest at the start
 * of the run ({@link StepsPerExecution}).
 */
@Exclusive({"epochs", "steps"})
public record TrainSpec(
    @Doc("passes over the training data") @OptionalKey @Range(min = 1) Integer epochs,
    @Doc("training steps (global batches)") @OptionalKey @Range(min = 1) Long steps,
    @Doc("training steps run inside one Session.run (chained copies of the step in the graph): auto (measured at the start of the run) or 1 to 1000")
        @Default("auto")
        StepsPerExecution stepsPerExecution,
    @Doc("a metrics line every this many steps") @Default("100") @Range(min = 1)
        int logEverySteps,
    @Doc("evaluate the eval split: epoch, never, or every N steps; epoch and N also evaluate after the last step, never not at all") @Default("epoch")
        Every evalEvery,
    @Doc("stop with a checkpoint and exit 75 once the run command has run this long (e.g. 2h); unset = no limit")
        @OptionalKey
        TimeSpan maxDuration,
    @Doc("after SIGTERM/SIGINT or max_duration, time allowed to finish the step and write the checkpoint; then the runner halts with exit 124")
        @Default("10s")
        TimeSpan gracePeriod,
    @Doc("the session's thread pools: intra_op and inter_op (0 = TensorFlow's choice)") @Default("{}")
        ThreadsSpec threads,
    @Doc("stop when an evaluation value stops improving: {monitor, mode, patience, min_delta, restore_best}")
        @OptionalKey
        EarlyStoppingSpec earlyStopping) {

  public TrainSpec {
    if ((epochs == null) == (steps == null)) {
      throw new SpecException(
          "", "set exactly one of epochs and steps (got " + (epochs == null ? "neither" : "both") + ")");
    }
  }

  public TrainSpec(Integer epochs, Long steps, int stepsPerExecution, int logEverySteps, Every evalEvery,
      TimeSpan maxDuration, TimeSpan gracePeriod, ThreadsSpec threads) {
    this(epochs, steps, StepsPerExecution.of(stepsPerExecution), logEverySteps, evalEvery, maxDuration, gracePeriod,
        threads, null);
  }
}
