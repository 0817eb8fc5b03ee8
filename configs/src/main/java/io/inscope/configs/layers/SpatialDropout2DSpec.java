package io.inscope.configs.layers;

import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Range;

/**
 * Dropout of whole channels, as Keras' {@code SpatialDropout2D}: in training each channel of an
 * example {@code [height, width, channels]} is zeroed with probability {@code rate} at every pixels at once
 * (the others scaled by {@code 1 / (1 - rate)}); the identity otherwise.
 *
 * <pre>
 * - spatial_dropout2d: 0.2
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>rate</td><td>(required)</td><td>fraction of channels dropped in training, in [0, 1)</td></tr>
 * </table>
 */
@Doc("Dropout of whole channels of examples [height, width, channels] (Keras' SpatialDropout2D)")
@Kind("spatial_dropout2d")
public record SpatialDropout2DSpec(
    @Doc("fraction of channels dropped in training") @Range(min = 0, max = 1, maxExclusive = true) double rate) implements LayerSpec {}
