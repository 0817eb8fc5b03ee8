package io.inscope.configs;

/**
 * {@code train.steps_per_execution}: {@code auto} (the default), or a fixed number of training
 * steps per {@code Session.run} from 1 to {@value #MAX}.
 *
 * <p>{@code auto} builds up to {@link #copies} chained copies of the step (at most {@value
 * #AUTO_MAX}, fewer for deep models and large staged batches, one for a job of fewer than {@value
 * #AUTO_MIN_STEPS} steps or a heavy step, which the measurement and a larger graph would not pay
 * back), then measures, during the run's first executions, the time per step of executions of 1
 * and of all K of them and keeps K only when it is more than 5% faster (as Keras' {@code
 * steps_per_execution='auto'} tunes it while training). Which value it keeps
 * never changes the results: executions of any length train bit for bit alike.
 *
 * @param fixed the fixed number of steps, or null for {@code auto}
 */
public record StepsPerExecution(Integer fixed) {
  public static final int MAX = 1000;
  /** The most copies {@code auto} builds. */
  public static final int AUTO_MAX = 16;
  /** {@code auto} builds no more than this many layer copies (copies × layers). */
  public static final int AUTO_LAYER_COPIES = 64;
  /** {@code auto} stages no more than this many values (64 MiB of float32) per execution. */
  public static final long AUTO_STAGED_VALUES = 1L << 24;

  /**
   * {@code auto} builds one step for jobs of fewer training steps than this: the chained graph's
   * first run (TensorFlow optimizes and instantiates K copies of the step) costs MLP-A about 1.8 s
   * of CPU at K = 16 and saves about 0.3 ms per step, so it pays back after some 6,000 steps
   * (docs/benchmarks.md), more for larger graphs.
   */
  public static final long AUTO_MIN_STEPS = 10_000;

  /**
   * {@code auto} builds one step when batch × trainable weights reaches this (2^26 multiply-adds
   * per example pass, a step of several milliseconds on a CPU), where the fixed cost of a {@code
   * Session.run} (about 0.2-0.3 ms here) is under 5% of the step: the tutorial CNN (3.3 million
   * weights, batch 64), MLP-B (1.9 million, batch 256).
   */
  public static final long AUTO_HEAVY_STEP = 1L << 26;

  public static final StepsPerExecution AUTO = new StepsPerExecution(null);

  public StepsPerExecution {
    if (fixed != null && (fixed < 1 || fixed > MAX)) {
      throw new IllegalArgumentException("must be auto or from 1 to " + MAX + " (got " + fixed + ")");
    }
  }

  public static StepsPerExecution of(int steps) {
    return new StepsPerExecution(steps);
  }

  /** Parses {@code auto} or an integer from 1 to {@value #MAX}. */
  public static StepsPerExecution parse(String text) {
    String t = text.trim();
    if (t.equals("auto")) {
      return AUTO;
    }
    int n;
    try {
      n = Integer.parseInt(t);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("expected auto or a number of steps, got '" + t + "'");
    }
    return new StepsPerExecution(n);
  }

  public boolean auto() {
    return fixed == null;
  }

  /**
   * The chained copies of the step the graph holds: the fixed number, or for {@code auto} the
   * largest power of two up to {@value #AUTO_MAX} with copies × layers at most {@value
   * #AUTO_LAYER_COPIES} and copies × batch × values per example at most {@value
   * #AUTO_STAGED_VALUES} (at least 1); 1 when the job trains fewer than {@value #AUTO_MIN_STEPS}
   * steps or when batch × weights reaches {@link #AUTO_HEAVY_STEP}.
   *
   * @param weights the model's trainable weights (elements), 0 when unknown
   * @param totalSteps the job's training steps (all epochs), or -1 when unknown
   */
  public int copies(int batchSize, long valuesPerExample, int layers, long weights, long totalSteps) {
    if (fixed != null) {
      return fixed;
    }
    if ((totalSteps >= 0 && totalSteps < AUTO_MIN_STEPS) || (long) batchSize * weights >= AUTO_HEAVY_STEP) {
      return 1;
    }
    int k = AUTO_MAX;
    while (k > 1 && ((long) k * Math.max(1, layers) > AUTO_LAYER_COPIES
        || (long) k * batchSize * valuesPerExample > AUTO_STAGED_VALUES)) {
      k /= 2;
    }
    return k;
  }

  @Override
  public String toString() {
    return fixed == null ? "auto" : fixed.toString();
  }
}
