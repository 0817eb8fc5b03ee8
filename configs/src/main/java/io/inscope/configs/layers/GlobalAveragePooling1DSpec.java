package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/**
 * The mean over the steps of each channel, as Keras' {@code GlobalAveragePooling1D}:
 * {@code [steps, channels]} becomes {@code [channels]}.
 *
 * <pre>
 * - global_average_pooling1d
 * - global_average_pooling1d: {keepdims: true}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>keepdims</td><td>false</td><td>keep the pooled axes with length 1</td></tr>
 * </table>
 */
@Doc("The mean over the steps of each channel: [steps, channels] becomes [channels]")
@Kind("global_average_pooling1d")
public record GlobalAveragePooling1DSpec(
    @Doc("keep the pooled axes with length 1") @Default("false") boolean keepdims) implements LayerSpec {}
