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

/** 2-D convolution over NHWC input (a 2-D input gets a channel axis): {@code conv2d: {filters: 32, kernel_size: 3}}. */
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
    @Doc("initializer of the bias, a kind") @Default("zeros") InitializerSpec biasInitializer) implements LayerSpec {
  public Conv2DSpec {
    kernelSize = List.copyOf(kernelSize);
    strides = List.copyOf(strides);
  }
}
