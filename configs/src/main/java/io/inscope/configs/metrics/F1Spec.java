package io.inscope.configs.metrics;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * F1 score over a whole span, Keras' {@code F1Score(average='macro')}: per class p = TP / (TP + FP
 * + ε), r = TP / (TP + FN + ε), F1 = 2 p r / (p + r + ε) with ε = 1e-7, then the mean over the
 * classes. One output unit: one class, predicted positive when the probability is above {@code
 * threshold} ({@code F1Score(threshold=0.5)}). Several units: the arg-max is the prediction
 * ({@code F1Score(threshold=None)}).
 *
 * <pre>
 * metrics: [f1]
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>threshold</td><td>0.5</td><td>one output unit: probability above which an example is predicted positive</td></tr>
 * </table>
 */
@Doc("F1 score over the span as Keras' F1Score(average='macro'); one unit: probability > threshold; several: arg-max")
@Kind("f1")
public record F1Spec(
    @Doc("one output unit: probability above which an example is predicted positive") @Default("0.5")
        @Range(min = 0, max = 1) double threshold) implements MetricSpec {}
