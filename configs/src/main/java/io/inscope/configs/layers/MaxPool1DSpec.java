package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Padding;
import io.inscope.configs.Range;

/**
 * The maximum of each window of steps, per channel, over examples {@code [steps, channels]}, as
 * Keras' {@code MaxPooling1D}.
 *
 * <pre>
 * - max_pool1d: {pool_size: 2}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>pool_size</td><td>2</td><td>window length</td></tr>
 *   <tr><td>strides</td><td>pool_size</td><td>window step</td></tr>
 *   <tr><td>padding</td><td>valid</td><td>valid or same (windows at the border see fewer values)</td></tr>
 * </table>
 */
@Doc("Max pooling over examples [steps, channels]")
@Kind("max_pool1d")
public record MaxPool1DSpec(
    @Doc("window length") @Default("2") @Range(min = 1) int poolSize,
    @Doc("window step; default pool_size") @OptionalKey @Range(min = 1) Integer strides,
    @Doc("valid (no padding) or same") @Default("valid") Padding padding) implements LayerSpec {}
