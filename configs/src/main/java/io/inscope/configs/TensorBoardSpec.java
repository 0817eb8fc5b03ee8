package io.inscope.configs;

/**
 * TensorBoard event files in {@code <run dir>/tensorboard/}: {@code train/} holds the training
 * scalars (loss, each metric, learning rate, examples per second), the weight histograms and the
 * graph; {@code eval/} holds the evaluation scalars under the same tags, so TensorBoard overlays
 * the two curves in one chart (as Keras's TensorBoard callback does).
 *
 * <pre>
 * tensorboard: {histograms_every_steps: 500, flush_every: 5s}
 * tensorboard: {enabled: false}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>enabled</td><td>true</td><td>write event files at all</td></tr>
 *   <tr><td>histograms_every_steps</td><td>1000</td><td>weight histograms every N steps; 0 = never</td></tr>
 *   <tr><td>flush_every</td><td>10s</td><td>longest time written events stay buffered in memory</td></tr>
 * </table>
 */
public record TensorBoardSpec(
    @Doc("write TensorBoard event files to <run dir>/tensorboard") @Default("true") boolean enabled,
    @Doc("a histogram of every layer weight every N steps; 0 = never") @Default("1000") @Range(min = 0)
        int histogramsEverySteps,
    @Doc("longest time events stay buffered before they reach the disk (what a kill can lose)")
        @Default("10s")
        TimeSpan flushEvery) {

  public static final TensorBoardSpec DEFAULT = new TensorBoardSpec(true, 1000, TimeSpan.parse("10s"));
}
