package io.inscope.modules.train;

import io.inscope.modules.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums loss and metrics over the steps since the last log line. */
final class Window {
  private final List<Metric> metrics;
  private final double[][] sums;
  private double lossSum;
  private long examples;
  private long startNanos = System.nanoTime();

  /** @param sizes each metric's statistics ({@link TrainGraph#metricSizes}) */
  Window(List<Metric> metrics, int[] sizes) {
    this.metrics = metrics;
    this.sums = new double[metrics.size()][];
    for (int m = 0; m < sums.length; m++) {
      sums[m] = new double[sizes[m]];
    }
  }

  void add(double meanLoss, double[][] metricSums, int count) {
    lossSum += meanLoss * count;
    for (int m = 0; m < sums.length; m++) {
      for (int j = 0; j < sums[m].length; j++) {
        sums[m][j] += metricSums[m][j];
      }
    }
    examples += count;
  }

  StepMetrics drain(long step, long epoch) {
    long now = System.nanoTime();
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < sums.length; i++) {
      values.put(metrics.get(i).name(), metrics.get(i).value(sums[i], examples));
      java.util.Arrays.fill(sums[i], 0);
    }
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    StepMetrics m = new StepMetrics("train", step, epoch, lossSum / examples, values, examples / seconds);
    lossSum = 0;
    examples = 0;
    startNanos = now;
    return m;
  }
}
