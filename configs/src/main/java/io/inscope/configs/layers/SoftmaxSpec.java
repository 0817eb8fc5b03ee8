package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.SpecException;

/**
 * The softmax over one axis, as Keras' {@code Softmax} layer: {@code exp(x) / sum(exp(x))} along
 * {@code axis}, which counts the batch as axis 0 (as in Keras), negative values from the end.
 * {@code activation: softmax} is the same over the last axis.
 *
 * <pre>
 * - softmax                # the last axis
 * - softmax: {axis: 1}     # over the steps of [batch, steps, features]
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>axis</td><td>-1</td><td>the axis normalized, batch = 0 (which is refused)</td></tr>
 * </table>
 */
@Doc("The softmax over one axis (Keras' Softmax layer)")
@Kind("softmax")
public record SoftmaxSpec(
    @Doc("the axis normalized; the batch is axis 0, negative values count from the end") @Default("-1") int axis)
    implements LayerSpec {
  public SoftmaxSpec {
    if (axis == 0) {
      throw new SpecException("axis", "must not be 0 (the batch); the first axis of an example is 1");
    }
  }
}
