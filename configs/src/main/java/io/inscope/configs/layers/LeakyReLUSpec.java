package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * {@code x} for {@code x >= 0}, else {@code negative_slope · x}, as Keras' {@code LeakyReLU} layer,
 * whose default slope is 0.3 (the activation {@code activation: leaky_relu} uses the activation
 * function's default, 0.2, as Keras does).
 *
 * <pre>
 * - leaky_relu
 * - leaky_relu: {negative_slope: 0.1}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>negative_slope</td><td>0.3</td><td>slope for negative inputs, >= 0</td></tr>
 * </table>
 */
@Doc("x for x >= 0, else negative_slope * x (Keras' LeakyReLU layer)")
@Kind("leaky_relu")
public record LeakyReLUSpec(
    @Doc("slope for negative inputs") @Default("0.3") @Range(min = 0) double negativeSlope) implements LayerSpec {}
