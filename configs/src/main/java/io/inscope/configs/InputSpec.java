package io.inscope.configs;

import java.util.List;

/**
 * The shape and type of one example, without the batch dimension; at most {@link
 * ShapeLimits#MAX_ELEMENTS} values.
 *
 * <pre>
 * input: {shape: [28, 28], dtype: float32}
 * </pre>
 */
public record InputSpec(
    @Doc("shape of one example") @Range(min = 1) List<Integer> shape,
    @Doc("element type (int32 for token ids fed to an embedding)") @Default("float32") DType dtype) {

  public InputSpec {
    shape = List.copyOf(shape);
    ShapeLimits.check("shape", shape);
  }

  public long elements() {
    long n = 1;
    for (int d : shape) {
      n *= d;
    }
    return n;
  }
}
