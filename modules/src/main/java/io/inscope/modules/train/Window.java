package io.inscope.modules.train;

import io.inscope.modules.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Sums loss and metrics over the steps since the last log line. */
final class Window {
  private final List<Metric> metrics;
  private final double[] sums;
  private double lossSum;
  private long examples;
  private long startNanos = System.nanoTime();

  Window(List<Metric> metrics) {
    this.metrics = metrics;
    this.sums = new double[metrics.size()];
  }

  void add(double meanLoss, double[] metricSums, int count) {
    lossSum += meanLoss * count;
    for (int i = 0; i < sums.length; i++) {
      sums[i] += metricSums[i];
    }
    examples += count;
  }

  StepMetrics drain(long step, long epoch) {
    long now = System.nanoTime();
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < sums.length; i++) {
      values.put(metrics.get(i).name(), sums[i] / examples);
      sums[i] = 0;
    }
    double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
    StepMetrics m = new StepMetrics("train", step, epoch, lossSum / examples, values, examples / seconds);
    lossSum = 0;
    examples = 0;
    startNanos = now;
    return m;
  }
}
