package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Key;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Padding;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import java.util.List;

/** Max pooling over NHWC input: {@code max_pool2d: {pool_size: 2}}. */
@Doc("Max pooling over NHWC input")
@Kind("max_pool2d")
public record MaxPool2DSpec(
    @Doc("pooling window, n or [h, w]") @Default("[2, 2]") @Range(min = 1) @Pair List<Integer> poolSize,
    @Doc("window stride, n or [h, w]; default pool_size") @OptionalKey @Range(min = 1) @Pair List<Integer> strides,
    @Doc("valid (no padding) or same") @Default("valid") Padding padding) implements LayerSpec {
  public MaxPool2DSpec {
    poolSize = List.copyOf(poolSize);
    if (strides != null) {
      strides = List.copyOf(strides);
    }
  }
}
