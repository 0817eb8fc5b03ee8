package io.inscope.configs.metrics;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Precision, TP / (TP + FP), over a whole span (a log window or an evaluation pass), not a mean of
 * per-batch values. One output unit: predicted positive when the probability (the sigmoid of a
 * logit) is above {@code threshold}, as Keras' {@code Precision(thresholds=0.5)}. Several units:
 * each class one-vs-rest with the arg-max as the prediction, averaged over the classes (macro),
 * as the mean over classes of Keras' {@code Precision(top_k=1, class_id=c)}.
 *
 * <pre>
 * metrics: [precision, {precision: {threshold: 0.7}}]
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>threshold</td><td>0.5</td><td>one output unit: probability above which an example is predicted positive</td></tr>
 * </table>
 */
@Doc("Precision TP/(TP+FP) over the span; one unit: probability > threshold; several: arg-max, one-vs-rest, macro average")
@Kind("precision")
public record PrecisionSpec(
    @Doc("one output unit: probability above which an example is predicted positive") @Default("0.5")
        @Range(min = 0, max = 1) double threshold) implements MetricSpec {
}
