package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Fraction;
import io.inscope.configs.Kind;

/**
 * {@code x * scale + offset} on every value, as Keras' {@code Rescaling(scale, offset)}.
 *
 * <pre>
 * - rescale: 1/255                        # [0, 255] to [0, 1]
 * - rescale: {scale: 1/127.5, offset: -1} # [0, 255] to [-1, 1]
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>scale</td><td>required</td><td>a number or a fraction such as 1/255</td></tr>
 *   <tr><td>offset</td><td>0.0</td><td>added after scaling</td></tr>
 * </table>
 */
@Doc("x * scale + offset, as Keras' Rescaling")
@Kind("rescale")
public record RescaleSpec(
    @Doc("the factor: a number or a fraction such as 1/255") Fraction scale,
    @Doc("added after scaling") @Default("0.0") double offset) implements PreprocessingSpec {}
