package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import java.util.List;

/**
 * {@code (x - mean) × c + mean} on a training example, {@code mean} per channel over height and
 * width, {@code c} uniform in {@code [1 - factor, 1 + factor)} per example, then clipped to {@code
 * value_range}: Keras' {@code RandomContrast(factor, value_range)}.
 *
 * <pre>
 * - random_contrast: 0.2
 * - random_contrast: {factor: 0.2, value_range: [0, 1]}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>factor</td><td>required</td><td>in [0, 1]: the contrast factor is drawn from [1 - factor, 1 + factor]</td></tr>
 *   <tr><td>value_range</td><td>[0, 255]</td><td>[low, high] of the values at this step; outputs are clipped to it</td></tr>
 * </table>
 */
@Doc("Scales each example's deviation from its per-channel mean by a random factor in [1 - factor, 1 + factor], clipped to value_range (Keras' RandomContrast)")
@Kind("random_contrast")
public record RandomContrastSpec(
    @Doc("in [0, 1]: the contrast factor is drawn from [1 - factor, 1 + factor]") @Range(min = 0, max = 1) double factor,
    @Doc("[low, high] of the values at this step; outputs are clipped to it") @Default("[0, 255]") List<Double> valueRange)
    implements PreprocessingSpec {
  public RandomContrastSpec {
    valueRange = ValueRanges.check(valueRange);
  }

  @Override
  public boolean random() {
    return true;
  }

  @Override
  public boolean needsImages() {
    return true;
  }
}
