package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.OneOrList;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
import java.util.List;

/**
 * {@code (x - mean) / std} per channel (the last axis), as Keras' {@code Normalization(mean,
 * variance=std²)}. One value applies to every channel.
 *
 * <pre>
 * - normalize: {mean: [0.4914, 0.4822, 0.4465], std: [0.2470, 0.2435, 0.2616]}
 * - normalize: {mean: 0.2860, std: 0.3530}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>mean</td><td>required</td><td>one value, or one per channel</td></tr>
 *   <tr><td>std</td><td>required</td><td>one value, or one per channel; each &gt; 0</td></tr>
 * </table>
 */
@Doc("(x - mean) / std per channel (the last axis), as Keras' Normalization with variance std^2")
@io.inscope.configs.Kind("normalize")
public record NormalizeSpec(
    @Doc("one value, or one per channel (the input's last axis)") @OneOrList List<Double> mean,
    @Doc("one value, or one per channel; each > 0") @OneOrList @Range(min = 0, minExclusive = true) List<Double> std)
    implements PreprocessingSpec {
  public NormalizeSpec {
    mean = List.copyOf(mean);
    std = List.copyOf(std);
    if (mean.isEmpty()) {
      throw new SpecException("mean", "must give at least one value");
    }
    if (std.size() != mean.size() && std.size() != 1 && mean.size() != 1) {
      throw new SpecException("std", "must give one value or as many as mean (" + mean.size() + "), got " + std.size());
    }
  }

  /** The channels the values are for: the longer list's length (1 = every channel). */
  public int channels() {
    return Math.max(mean.size(), std.size());
  }

  /** One value, or one per channel of the input (its last axis). */
  @Override
  public void checkInput(List<Integer> shape) {
    int inputChannels = PreprocessingSpec.channels(shape);
    if (channels() != 1 && channels() != inputChannels) {
      throw new SpecException(mean.size() != 1 ? "mean" : "std", "gives " + channels() + " values but the input has "
          + inputChannels + " channel" + (inputChannels == 1 ? "" : "s") + " (model.input.shape " + shape
          + ", last axis); give 1 value or " + inputChannels);
    }
  }
}
