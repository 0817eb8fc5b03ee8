package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import java.util.List;

/**
 * Adds rows and columns of zeros around NHWC images, as Keras' {@code ZeroPadding2D} with a
 * symmetric padding: {@code [h, w, c]} becomes {@code [h + 2·ph, w + 2·pw, c]}. (Keras' per-side
 * form {@code ((top, bottom), (left, right))} is not supported.)
 *
 * <pre>
 * - zero_padding2d: {padding: 1}
 * - zero_padding2d: {padding: [1, 2]}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>padding</td><td>[1, 1]</td><td>rows added above and below, columns left and right: n or [rows, columns]</td></tr>
 * </table>
 */
@Doc("Adds rows and columns of zeros around NHWC images (Keras' ZeroPadding2D, symmetric)")
@Kind("zero_padding2d")
public record ZeroPadding2DSpec(
    @Doc("rows added above and below, columns left and right: n or [rows, columns]") @Default("[1, 1]") @Range(min = 0) @Pair List<Integer> padding)
    implements LayerSpec {
  public ZeroPadding2DSpec {
    padding = List.copyOf(padding);
  }
}
