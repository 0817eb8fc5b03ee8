package io.inscope.configs.layers;

import io.inscope.configs.Activation;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Padding;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import io.inscope.configs.initializers.InitializerSpec;
import java.util.List;

/**
 * Transposed 2-D convolution of NHWC images, as Keras' {@code Conv2DTranspose}: the gradient of a
 * convolution with respect to its input, so {@code [h, w]} becomes {@code [h · s, w · s]} with
 * {@code same} padding and {@code [(h - 1) · s + kh, ...]} with {@code valid}. Weights as Keras:
 * {@code kernel [kh, kw, filters, channels]}, {@code bias [filters]}.
 *
 * <pre>
 * - conv2d_transpose: {filters: 32, kernel_size: 3, strides: 2, padding: same}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>filters</td><td>(required)</td><td>output channels</td></tr>
 *   <tr><td>kernel_size</td><td>(required)</td><td>n or [h, w]</td></tr>
 *   <tr><td>strides</td><td>[1, 1]</td><td>n or [h, w]: the upsampling factors</td></tr>
 *   <tr><td>padding</td><td>valid</td><td>valid or same</td></tr>
 *   <tr><td>activation</td><td>linear</td><td>applied to the output</td></tr>
 *   <tr><td>use_bias</td><td>true</td><td>add a bias per filter</td></tr>
 *   <tr><td>kernel_initializer</td><td>glorot_uniform</td><td></td></tr>
 *   <tr><td>bias_initializer</td><td>zeros</td><td></td></tr>
 * </table>
 */
@Doc("Transposed 2-D convolution of NHWC images (Keras' Conv2DTranspose)")
@Kind("conv2d_transpose")
public record Conv2DTransposeSpec(
    @Doc("output channels") @Range(min = 1) int filters,
    @Doc("kernel size, n or [h, w]") @Range(min = 1) @Pair List<Integer> kernelSize,
    @Doc("stride, n or [h, w]") @Default("[1, 1]") @Range(min = 1) @Pair List<Integer> strides,
    @Doc("valid or same") @Default("valid") Padding padding,
    @Doc("activation applied to the output") @Default("linear") Activation activation,
    @Doc("whether the layer adds a bias") @Default("true") boolean useBias,
    @Doc("initializer of the kernel, a kind") @Default("glorot_uniform") InitializerSpec kernelInitializer,
    @Doc("initializer of the bias, a kind") @Default("zeros") InitializerSpec biasInitializer) implements LayerSpec {
  public Conv2DTransposeSpec {
    kernelSize = List.copyOf(kernelSize);
    strides = List.copyOf(strides);
  }
}
