package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;
import java.util.List;

/**
 * Adds {@code delta × (high - low)} to every value of a training example, {@code delta} uniform
 * in {@code [-factor, factor)} per example, then clips to {@code value_range = [low, high]}: Keras'
 * {@code RandomBrightness(factor, value_range)}.
 *
 * <pre>
 * - random_brightness: 0.2
 * - random_brightness: {factor: 0.2, value_range: [0, 1]}   # after rescale: 1/255
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>factor</td><td>required</td><td>in [0, 1]: the largest shift, as a fraction of the range</td></tr>
 *   <tr><td>value_range</td><td>[0, 255]</td><td>[low, high] of the values at this step; outputs are clipped to it</td></tr>
 * </table>
 */
@Doc("Adds a random shift in [-factor, factor] x (high - low) per example, clipped to value_range (Keras' RandomBrightness)")
@Kind("random_brightness")
public record RandomBrightnessSpec(
    @Doc("in [0, 1]: the largest shift as a fraction of value_range") @Range(min = 0, max = 1) double factor,
    @Doc("[low, high] of the values at this step; outputs are clipped to it") @Default("[0, 255]") List<Double> valueRange)
    implements PreprocessingSpec {
  public RandomBrightnessSpec {
    valueRange = ValueRanges.check(valueRange);
  }

  @Override
  public boolean random() {
    return true;
  }
}
