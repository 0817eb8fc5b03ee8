package io.inscope.modules.train;

import io.inscope.modules.metrics.ConfusionMatrix;
import java.util.Map;

/**
 * Metrics over a span of training steps or over an evaluation pass, as written to metrics.jsonl.
 *
 * @param split {@code train} or {@code eval}
 * @param step training steps done when measured
 * @param epoch the epoch of that step (1-based count of epochs started)
 * @param loss mean loss over the span's examples
 * @param metrics each metric's mean over the span's examples, by name
 * @param examplesPerSecond throughput over the span
 * @param learningRate the learning rate the span's last step applied (training spans), else null
 * @param confusion an evaluation's confusion matrix for a classifier, else null
 * @param lossScale with {@code precision: mixed_float16}, the dynamic loss scale the span's last
 *     step applied (training spans), else null
 */
public record StepMetrics(
    String split,
    long step,
    long epoch,
    double loss,
    Map<String, Double> metrics,
    double examplesPerSecond,
    Double learningRate,
    ConfusionMatrix confusion,
    Double lossScale) {

  public StepMetrics {
    metrics = Map.copyOf(metrics);
  }

  public StepMetrics(String split, long step, long epoch, double loss, Map<String, Double> metrics,
      double examplesPerSecond, Double learningRate) {
    this(split, step, epoch, loss, metrics, examplesPerSecond, learningRate, null, null);
  }

  public StepMetrics(String split, long step, long epoch, double loss, Map<String, Double> metrics,
      double examplesPerSecond, Double learningRate, ConfusionMatrix confusion) {
    this(split, step, epoch, loss, metrics, examplesPerSecond, learningRate, confusion, null);
  }

  /** Metrics without a learning rate (an evaluation). */
  public StepMetrics(String split, long step, long epoch, double loss, Map<String, Double> metrics, double examplesPerSecond) {
    this(split, step, epoch, loss, metrics, examplesPerSecond, null);
  }

  /** The same metrics with the learning rate the span's last step applied. */
  public StepMetrics withLearningRate(double rate) {
    return new StepMetrics(split, step, epoch, loss, metrics, examplesPerSecond, rate, confusion, lossScale);
  }

  /** The same metrics with the loss scale the span's last step applied. */
  public StepMetrics withLossScale(double scale) {
    return new StepMetrics(split, step, epoch, loss, metrics, examplesPerSecond, learningRate, confusion, scale);
  }
}
