package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
import java.util.List;

/**
 * Pads each training example with {@code padding} zeros on every side, then crops a window of the
 * example's own size at a random offset (uniform in {@code [0, 2 × padding]} on each axis, drawn per
 * example): the CIFAR recipe, {@code tf.image.pad_to_bounding_box} then {@code
 * tf.image.random_crop}. The size stays the model input's.
 *
 * <pre>
 * - random_crop: {size: [32, 32], padding: 4}
 * - random_crop: 4
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>padding</td><td>required</td><td>zeros added on each side before cropping</td></tr>
 *   <tr><td>size</td><td>the input's [h, w]</td><td>the crop; must be the model input's height and width</td></tr>
 * </table>
 */
@Doc("Pads with zeros, then crops the example's size at a random offset (per example)")
@Kind("random_crop")
public record RandomCropSpec(
    @Doc("zeros added on each side before cropping") @Range(min = 1) int padding,
    @Doc("[height, width] of the crop: the model input's (checked); n means [n, n]") @OptionalKey @Range(min = 1) @Pair List<Integer> size)
    implements PreprocessingSpec {
  public RandomCropSpec {
    size = size == null ? null : List.copyOf(size);
  }

  @Override
  public boolean random() {
    return true;
  }

  @Override
  public boolean needsImages() {
    return true;
  }

  /** {@code size}, when given, is the input's {@code [height, width]}. */
  @Override
  public void checkInput(List<Integer> shape) {
    if (size != null && !(size.get(0).equals(shape.get(0)) && size.get(1).equals(shape.get(1)))) {
      throw new SpecException("size", "must be the model input's [height, width] " + shape.subList(0, 2) + " (got " + size
          + "): the crop is taken after padding, at the input's size");
    }
  }
}
