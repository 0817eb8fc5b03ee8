package io.inscope.configs;

/**
 * Keeps the checkpoint of the best evaluation in {@code checkpoints/best/}, outside the retention
 * of the latest ones (Keras' ModelCheckpoint with {@code save_best_only}: strictly better only).
 *
 * <pre>
 * checkpoint: {every: epoch, keep: 3, best: {monitor: eval.accuracy, mode: max}}
 * </pre>
 */
public record BestCheckpointSpec(
    @Doc("the evaluation value watched: eval.loss or eval.<metric>") @Default("eval.loss") String monitor,
    @Doc("min, max, or auto (max for accuracy, auc, precision, recall and f1 metrics)") @Default("auto") MonitorMode mode) {

  public BestCheckpointSpec {
    MonitorMode.checkMonitor("monitor", monitor);
  }

  public boolean maximizes() {
    return mode.maximizes(monitor);
  }
}
