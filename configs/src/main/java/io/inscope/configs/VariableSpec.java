package io.inscope.configs;

import io.inscope.configs.initializers.InitializerSpec;
import java.util.List;

/**
 * An extra variable, created in the strategy scope like every layer weight, and saved in
 * checkpoints.
 *
 * <pre>
 * variables:
 *   - {name: global_step, shape: [], dtype: int64, initializer: zeros, trainable: false}
 * </pre>
 */
public record VariableSpec(
    @Doc("variable name: letters, digits, '_' (unique among variables)") String name,
    @Doc("shape; [] is a scalar") @Range(min = 1) List<Integer> shape,
    @Doc("element type") @Default("float32") DType dtype,
    @Doc("initializer, a kind") @Default("zeros") InitializerSpec initializer,
    @Doc("whether the optimizer updates it from the loss") @Default("true") boolean trainable) {

  public VariableSpec {
    if (!name.matches("[A-Za-z][A-Za-z0-9_]{0,99}")) {
      throw new SpecException(
          "name", "must start with a letter and hold only letters, digits and '_' (got '" + name + "')");
    }
    if (trainable && !dtype.isFloating()) {
      throw new SpecException(
          "trainable", "an " + dtype.name().toLowerCase(java.util.Locale.ROOT) + " variable cannot be trainable; set trainable: false");
    }
    shape = List.copyOf(shape);
    ShapeLimits.check("shape", shape);
  }
}
