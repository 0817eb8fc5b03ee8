package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import java.util.List;

/**
 * Enlarges NHWC images by integer factors, as Keras' {@code UpSampling2D}: {@code nearest}
 * repeats each row and column; {@code bilinear} interpolates with half-pixel centers (as
 * {@code tf.image.resize}).
 *
 * <pre>
 * - up_sampling2d: {size: 2}
 * - up_sampling2d: {size: [2, 3], interpolation: bilinear}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>size</td><td>[2, 2]</td><td>factors, n or [rows, columns]</td></tr>
 *   <tr><td>interpolation</td><td>nearest</td><td>nearest or bilinear</td></tr>
 * </table>
 */
@Doc("Enlarges NHWC images by integer factors (Keras' UpSampling2D)")
@Kind("up_sampling2d")
public record UpSampling2DSpec(
    @Doc("factors, n or [rows, columns]") @Default("[2, 2]") @Range(min = 1) @Pair List<Integer> size,
    @Doc("nearest or bilinear") @Default("nearest") Interpolation interpolation) implements LayerSpec {

  /** How new pixels get their values. */
  public enum Interpolation {
    BILINEAR,
    NEAREST
  }

  public UpSampling2DSpec {
    size = List.copyOf(size);
  }
}
