package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Normalizes each example over its last axis, as Keras' {@code LayerNormalization} (axis -1):
 * {@code gamma · (x - mean) / sqrt(variance + epsilon) + beta}, the same in training and
 * evaluation. Weights {@code gamma} (ones) and {@code beta} (zeros), each {@code [last axis]}.
 *
 * <pre>
 * - layer_normalization
 * - layer_normalization: {epsilon: 1.0e-6}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>epsilon</td><td>0.001</td><td>added to the variance</td></tr>
 *   <tr><td>center</td><td>true</td><td>learn a shift (beta)</td></tr>
 *   <tr><td>scale</td><td>true</td><td>learn a scale (gamma)</td></tr>
 *   <tr><td>rms_scaling</td><td>false</td><td>Keras 3's (deprecated) rms_scaling: {@code x · rsqrt(variance +
 *   epsilon) · gamma}, the mean not subtracted, no beta, gamma learned even with scale false</td></tr>
 * </table>
 */
@Doc("Normalizes each example over its last axis (Keras' LayerNormalization, axis -1)")
@Kind("layer_normalization")
public record LayerNormalizationSpec(
    @Doc("added to the variance") @Default("0.001") @Range(min = 0, minExclusive = true) double epsilon,
    @Doc("learn a shift (beta)") @Default("true") boolean center,
    @Doc("learn a scale (gamma)") @Default("true") boolean scale,
    @Doc("Keras 3's rms_scaling: x * rsqrt(variance + epsilon) * gamma, the mean not subtracted, no beta, "
        + "gamma learned even with scale: false (Keras deprecates it: it divides by the standard deviation, "
        + "not by the root mean square)")
        @Default("false")
        boolean rmsScaling) implements LayerSpec {

  /** Without rms_scaling. */
  public LayerNormalizationSpec(double epsilon, boolean center, boolean scale) {
    this(epsilon, center, scale, false);
  }
}
