package io.inscope.configs.layers;

import io.inscope.configs.Activation;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Kind;
import io.inscope.configs.Padding;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import io.inscope.configs.SpecException;
import io.inscope.configs.initializers.InitializerSpec;
import java.util.Collections;
import java.util.List;

/**
 * 2-D convolution over NHWC input (a 2-D input gets a channel axis), as Keras' {@code Conv2D}:
 * {@code conv2d: {filters: 32, kernel_size: 3}}; {@code dilation_rate} spaces the kernel's taps
 * ({@code conv2d: {filters: 32, kernel_size: 3, dilation_rate: 2}}) and, as in Keras, needs strides
 * 1. See {@code io.inscope.modules.layers.Conv2D} for the key table.
 */
@Doc("2-D convolution over NHWC input (a 2-D input gets a channel axis)")
@Kind("conv2d")
public record Conv2DSpec(
    @Doc("output channels") @Range(min = 1) int filters,
    @Doc("kernel size, n or [h, w]") @Range(min = 1) @Pair List<Integer> kernelSize,
    @Doc("stride, n or [h, w]") @Default("[1, 1]") @Range(min = 1) @Pair List<Integer> strides,
    @Doc("valid (no padding) or same") @Default("valid") Padding padding,
    @Doc("activation applied to the output") @Default("linear") Activation activation,
    @Doc("whether the layer adds a bias") @Default("true") boolean useBias,
    @Doc("initializer of the kernel, a kind") @Default("glorot_uniform") InitializerSpec kernelInitializer,
    @Doc("initializer of the bias, a kind") @Default("zeros") InitializerSpec biasInitializer,
    @Doc("spacing between the kernel's taps, n or [h, w] (a window of (kernel_size - 1) * dilation_rate + 1); needs strides 1")
        @Default("[1, 1]")
        @Range(min = 1)
        @Pair
        List<Integer> dilationRate) implements LayerSpec {
  public Conv2DSpec {
    kernelSize = List.copyOf(kernelSize);
    strides = List.copyOf(strides);
    dilationRate = List.copyOf(dilationRate);
    if (Collections.max(dilationRate) > 1 && Collections.max(strides) > 1) {
      throw new SpecException("dilation_rate",
          "dilation_rate > 1 needs strides: 1, as in Keras (got strides " + strides + ", dilation_rate " + dilationRate + ")");
    }
  }

  /** Without dilation. */
  public Conv2DSpec(int filters, List<Integer> kernelSize, List<Integer> strides, Padding padding, Activation activation,
      boolean useBias, InitializerSpec kernelInitializer, InitializerSpec biasInitializer) {
    this(filters, kernelSize, strides, padding, activation, useBias, kernelInitializer, biasInitializer, List.of(1, 1));
  }
}
