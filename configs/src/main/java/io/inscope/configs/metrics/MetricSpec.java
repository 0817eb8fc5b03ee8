package io.inscope.configs.metrics;

import io.inscope.configs.Doc;

/**
 * A metric reported in the logs and metrics.jsonl; the loss is always reported.
 *
 * <pre>
 * metrics: [accuracy, {top_k_accuracy: {k: 5}}]
 * </pre>
 */
@Doc("A metric reported in the logs and metrics.jsonl; the loss is always reported")
public sealed interface MetricSpec permits AccuracySpec, AucSpec, F1Spec, LossMetricSpec, MeanAbsoluteErrorMetricSpec, MeanSquaredErrorMetricSpec, PrecisionSpec, RecallSpec, RootMeanSquaredErrorMetricSpec, TopKAccuracySpec {
  /** The name in logs, metrics.jsonl and monitors ({@code eval.<name>}): the kind's name unless it says otherwise. */
  default String reportedName() {
    return getClass().getAnnotation(io.inscope.configs.Kind.class).value();
  }
}
