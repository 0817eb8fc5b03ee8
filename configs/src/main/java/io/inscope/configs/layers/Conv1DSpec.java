package io.inscope.configs.layers;

import io.inscope.configs.Activation;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Padding;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
import io.inscope.configs.initializers.InitializerSpec;

/**
 * 1-D convolution over examples {@code [steps, channels]}, as Keras' {@code Conv1D}: {@code
 * activation(conv(x, kernel) + bias)}, the kernel {@code [kernel_size, channels, filters]}.
 *
 * <pre>
 * - conv1d: {filters: 32, kernel_size: 3, padding: same, activation: relu}
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>filters</td><td>(required)</td><td>output channels</td></tr>
 *   <tr><td>kernel_size</td><td>(required)</td><td>window length</td></tr>
 *   <tr><td>strides</td><td>1</td><td>window step</td></tr>
 *   <tr><td>padding</td><td>valid</td><td>valid (no padding) or same (output = ceil(steps / stride))</td></tr>
 *   <tr><td>activation</td><td>linear</td><td>applied to the output</td></tr>
 *   <tr><td>use_bias</td><td>true</td><td>add a bias per filter</td></tr>
 *   <tr><td>kernel_initializer</td><td>glorot_uniform</td><td></td></tr>
 *   <tr><td>bias_initializer</td><td>zeros</td><td></td></tr>
 *   <tr><td>dilation_rate</td><td>1</td><td>spacing between the kernel's taps; needs strides 1</td></tr>
 * </table>
 */
@Doc("1-D convolution over examples [steps, channels] (Keras' Conv1D)")
@Kind("conv1d")
public record Conv1DSpec(
    @Doc("output channels") @Range(min = 1) int filters,
    @Doc("window length") @Range(min = 1) int kernelSize,
    @Doc("window step") @Default("1") @Range(min = 1) int strides,
    @Doc("valid (no padding) or same") @Default("valid") Padding padding,
    @Doc("activation applied to the output") @Default("linear") Activation activation,
    @Doc("whether the layer adds a bias") @Default("true") boolean useBias,
    @Doc("initializer of the kernel, a kind") @Default("glorot_uniform") InitializerSpec kernelInitializer,
    @Doc("initializer of the bias, a kind") @Default("zeros") InitializerSpec biasInitializer,
    @Doc("spacing between the kernel's taps (a window of (kernel_size - 1) * dilation_rate + 1 steps); needs strides 1")
        @Default("1")
        @Range(min = 1)
        int dilationRate) implements LayerSpec {
  public Conv1DSpec {
    if (dilationRate > 1 && strides > 1) {
      throw new SpecException("dilation_rate", "dilation_rate > 1 needs strides: 1, as in Keras (got strides " + strides + ")");
    }
  }

  /** Without dilation. */
  public Conv1DSpec(int filters, int kernelSize, int strides, Padding padding, Activation activation, boolean useBias,
      InitializerSpec kernelInitializer, InitializerSpec biasInitializer) {
    this(filters, kernelSize, strides, padding, activation, useBias, kernelInitializer, biasInitializer, 1);
  }
}
