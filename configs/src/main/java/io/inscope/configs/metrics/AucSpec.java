package io.inscope.configs.metrics;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Area under the ROC curve over a whole span, Keras' {@code AUC(curve='ROC',
 * summation_method='interpolation')}: probabilities are counted into {@code num_thresholds}
 * evenly spaced thresholds (0 − ε, 1/(n−1), ..., 1 + ε), giving true and false positive rates at
 * each, and the area is the trapezoid sum. One output unit: the binary AUC of the probability (the
 * sigmoid of a logit). Several units: each class one-vs-rest on its probability (the softmax of
 * logits), averaged over the classes, as {@code AUC(multi_label=True)} on one-hot labels.
 *
 * <pre>
 * metrics: [auc, {auc: {num_thresholds: 500}}]
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>num_thresholds</td><td>200</td><td>thresholds of the ROC curve's approximation</td></tr>
 * </table>
 */
@Doc("Area under the ROC curve as Keras' AUC (interpolated, num_thresholds); several units: one-vs-rest, averaged")
@Kind("auc")
public record AucSpec(
    @Doc("thresholds of the ROC curve's approximation") @Default("200") @Range(min = 3, max = 10000)
        int numThresholds) implements MetricSpec {}
