package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Key;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Batch normalization over the last axis, with moving statistics for evaluation.
 *
 * <pre>
 * - batch_normalization: {momentum: 0.9}
 * - batch_normalization: {synchronized: false}   # each replica its own slice's statistics
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>momentum</td><td>0.99</td><td>weight of the old moving statistics per step</td></tr>
 *   <tr><td>epsilon</td><td>0.001</td><td>added to the variance</td></tr>
 *   <tr><td>center</td><td>true</td><td>learn beta (initially 0)</td></tr>
 *   <tr><td>scale</td><td>true</td><td>learn gamma (initially 1)</td></tr>
 *   <tr><td>synchronized</td><td>true</td><td>with several replicas, normalize in training with
 *       the statistics of the global batch (all-reduced), so the step equals one_device's; false
 *       uses each replica's slice (Keras' default); no effect on one replica</td></tr>
 * </table>
 *
 * @param synchronize the YAML key {@code synchronized} (a Java keyword)
 */
@Doc("Batch normalization over the last axis, with moving statistics for evaluation")
@Kind("batch_normalization")
public record BatchNormalizationSpec(
    @Doc("moving-average momentum") @Default("0.99") @Range(min = 0, max = 1) double momentum,
    @Doc("added to the variance") @Default("0.001") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("learn a shift (beta)") @Default("true") boolean center,
    @Doc("learn a scale (gamma)") @Default("true") boolean scale,
    @Key("synchronized")
    @Doc("with several replicas, train on the global batch's statistics (all-reduced), as one_device does; false: each replica's own slice (Keras' default)")
    @Default("true") boolean synchronize) implements LayerSpec {

  public static final boolean DEFAULT_SYNCHRONIZED = true;

  /** Every default but the four Keras arguments. */
  public BatchNormalizationSpec(double momentum, double epsilon, boolean center, boolean scale) {
    this(momentum, epsilon, center, scale, DEFAULT_SYNCHRONIZED);
  }
}
