package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;

/**
 * The maximum over height and width of each channel, as Keras' {@code GlobalMaxPooling2D}:
 * {@code [height, width, channels]} becomes {@code [channels]}.
 *
 * <pre>
 * - global_max_pooling2d
 * - global_max_pooling2d: {keepdims: true}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>keepdims</td><td>false</td><td>keep the pooled axes with length 1</td></tr>
 * </table>
 */
@Doc("The maximum over height and width of each channel: [height, width, channels] becomes [channels]")
@Kind("global_max_pooling2d")
public record GlobalMaxPooling2DSpec(
    @Doc("keep the pooled axes with length 1") @Default("false") boolean keepdims) implements LayerSpec {}
