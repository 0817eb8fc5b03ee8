package io.inscope.configs;

/**
 * Keras' EarlyStopping, driven by the evaluations: training ends (exit 0) once {@code patience}
 * evaluations in a row have not improved {@code monitor} by more than {@code min_delta}; with
 * {@code restore_best} the weights of the best evaluation are restored before the final checkpoint
 * and the export. The summary line says why and at which step. The counters are saved with every
 * checkpoint.
 *
 * <pre>
 * train: {epochs: 50, early_stopping: {monitor: eval.loss, mode: min, patience: 5, min_delta: 0, restore_best: true}}
 * </pre>
 */
public record EarlyStoppingSpec(
    @Doc("the evaluation value watched: eval.loss or eval.<metric>") @Default("eval.loss") String monitor,
    @Doc("min, max, or auto (max for accuracy, auc, precision, recall and f1 metrics)") @Default("auto") MonitorMode mode,
    @Doc("evaluations without improvement before training stops") @Default("5") @Range(min = 0) int patience,
    @Doc("smallest change that counts as an improvement") @Default("0.0") @Range(min = 0) double minDelta,
    @Doc("restore the weights of the best evaluation when training stops early") @Default("false") boolean restoreBest) {

  public EarlyStoppingSpec {
    MonitorMode.checkMonitor("monitor", monitor);
  }

  public boolean maximizes() {
    return mode.maximizes(monitor);
  }
}
