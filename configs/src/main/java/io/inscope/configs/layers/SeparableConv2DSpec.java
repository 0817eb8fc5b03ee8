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
 * Separable 2-D convolution of NHWC images, as Keras' {@code SeparableConv2D}: a depthwise
 * convolution, then a 1x1 convolution to {@code filters} channels. Weights as Keras: {@code
 * depthwise_kernel [kh, kw, channels, depth_multiplier]}, {@code pointwise_kernel [1, 1, channels ·
 * depth_multiplier, filters]}, {@code bias [filters]}.
 *
 * <pre>
 * - separable_conv2d: {filters: 64, kernel_size: 3, padding: same, activation: relu}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>filters</td><td>(required)</td><td>output channels</td></tr>
 *   <tr><td>kernel_size</td><td>(required)</td><td>n or [h, w]</td></tr>
 *   <tr><td>strides</td><td>[1, 1]</td><td>n or [h, w]</td></tr>
 *   <tr><td>padding</td><td>valid</td><td>valid or same</td></tr>
 *   <tr><td>depth_multiplier</td><td>1</td><td>depthwise filters per input channel</td></tr>
 *   <tr><td>activation</td><td>linear</td><td>applied to the output</td></tr>
 *   <tr><td>use_bias</td><td>true</td><td>add a bias per filter</td></tr>
 *   <tr><td>depthwise_initializer</td><td>glorot_uniform</td><td></td></tr>
 *   <tr><td>pointwise_initializer</td><td>glorot_uniform</td><td></td></tr>
 *   <tr><td>bias_initializer</td><td>zeros</td><td></td></tr>
 *   <tr><td>dilation_rate</td><td>[1, 1]</td><td>n or [h, w]: spacing between the kernel's taps (Keras allows
 *   strides > 1 with it for this layer, and so do we)</td></tr>
 * </table>
 */
@Doc("Separable 2-D convolution of NHWC images: depthwise, then 1x1 (Keras' SeparableConv2D)")
@Kind("separable_conv2d")
public record SeparableConv2DSpec(
    @Doc("output channels") @Range(min = 1) int filters,
    @Doc("kernel size, n or [h, w]") @Range(min = 1) @Pair List<Integer> kernelSize,
    @Doc("stride, n or [h, w]") @Default("[1, 1]") @Range(min = 1) @Pair List<Integer> strides,
    @Doc("valid (no padding) or same") @Default("valid") Padding padding,
    @Doc("depthwise filters per input channel") @Default("1") @Range(min = 1) int depthMultiplier,
    @Doc("activation applied to the output") @Default("linear") Activation activation,
    @Doc("whether the layer adds a bias") @Default("true") boolean useBias,
    @Doc("initializer of the depthwise kernel, a kind") @Default("glorot_uniform") InitializerSpec depthwiseInitializer,
    @Doc("initializer of the pointwise kernel, a kind") @Default("glorot_uniform") InitializerSpec pointwiseInitializer,
    @Doc("initializer of the bias, a kind") @Default("zeros") InitializerSpec biasInitializer,
    @Doc("spacing between the kernel's taps, n or [h, w] (a window of (kernel_size - 1) * dilation_rate + 1); with strides > 1 too, as Keras allows here")
        @Default("[1, 1]")
        @Range(min = 1)
        @Pair
        List<Integer> dilationRate) implements LayerSpec {
  public SeparableConv2DSpec {
    kernelSize = List.copyOf(kernelSize);
    strides = List.copyOf(strides);
    dilationRate = List.copyOf(dilationRate);
  }
}
