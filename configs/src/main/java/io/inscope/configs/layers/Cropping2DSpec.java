package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import java.util.List;

/**
 * Removes rows and columns at the borders of NHWC images, as Keras' {@code Cropping2D} with a
 * symmetric cropping: {@code [h, w, c]} becomes {@code [h - 2·ch, w - 2·cw, c]}. (Keras' per-side
 * form {@code ((top, bottom), (left, right))} is not supported.)
 *
 * <pre>
 * - cropping2d: {cropping: [2, 1]}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>cropping</td><td>[0, 0]</td><td>rows removed at the top and bottom, columns left and right: n or [rows, columns]</td></tr>
 * </table>
 */
@Doc("Removes rows and columns at the borders of NHWC images (Keras' Cropping2D, symmetric)")
@Kind("cropping2d")
public record Cropping2DSpec(
    @Doc("rows removed at the top and bottom, columns left and right: n or [rows, columns]") @Default("[0, 0]") @Range(min = 0) @Pair List<Integer> cropping)
    implements LayerSpec {
  public Cropping2DSpec {
    cropping = List.copyOf(cropping);
  }
}
