package io.inscope.configs.schedules;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import io.inscope.configs.MonitorMode;

/**
 * Keras' ReduceLROnPlateau, driven by the evaluations: after {@code patience} evaluations in a row
 * without an improvement of {@code monitor} by more than {@code min_delta}, the rate is multiplied
 * by {@code factor} (not below {@code min_lr}), then {@code cooldown} evaluations pass before
 * counting again. The current rate is an optimizer variable and the counters are saved with every
 * checkpoint.
 */
@Doc("Keras' ReduceLROnPlateau: multiply the rate by factor after patience evaluations without improvement of monitor")
@Kind("reduce_on_plateau")
public record ReduceOnPlateauSpec(
    @Doc("the rate until the first reduction (after warm-up)") @Range(min = 0, minExclusive = true) double initial,
    @Doc("the evaluation value watched: eval.loss or eval.<metric>") @Default("eval.loss") String monitor,
    @Doc("min, max, or auto (max for accuracy, auc, precision, recall and f1 metrics)") @Default("auto") MonitorMode mode,
    @Doc("the factor the rate is multiplied by") @Default("0.1") @Range(min = 0, max = 1, minExclusive = true, maxExclusive = true) double factor,
    @Doc("evaluations without improvement before a reduction") @Default("10") @Range(min = 0) int patience,
    @Doc("smallest change that counts as an improvement") @Default("0.0001") @Range(min = 0) double minDelta,
    @Doc("evaluations after a reduction before counting again") @Default("0") @Range(min = 0) int cooldown,
    @Doc("the rate never goes below this") @Default("0.0") @Range(min = 0) double minLr,
    @Doc("steps of linear warm-up from 0 to initial") @Default("0") @Range(min = 0) long warmupSteps)
    implements ScheduleSpec {

  public ReduceOnPlateauSpec {
    MonitorMode.checkMonitor("monitor", monitor);
  }

  @Override
  public double initialValue() {
    return initial;
  }

  /** True when a larger value of the monitor is better. */
  public boolean maximizes() {
    return mode.maximizes(monitor);
  }
}
