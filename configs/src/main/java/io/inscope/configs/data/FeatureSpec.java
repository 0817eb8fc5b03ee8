package io.inscope.configs.data;

import io.inscope.configs.DType;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Range;
import io.inscope.configs.ShapeLimits;
import io.inscope.configs.SpecException;
import java.util.List;
import java.util.Locale;

/**
 * A fixed-length feature of a tf.Example record.
 *
 * <pre>
 * image: {shape: [784], dtype: float32}
 * </pre>
 */
public record FeatureSpec(
    @Doc("shape of the feature; [] is a scalar") @Range(min = 1) List<Integer> shape,
    @Doc("float32 (float_list) or int64 (int64_list)") @Default("float32") DType dtype) {

  public FeatureSpec {
    shape = List.copyOf(shape);
    ShapeLimits.check("shape", shape);
    if (dtype != DType.FLOAT32 && dtype != DType.INT64) {
      throw new SpecException(
          "dtype", "a tf.Example feature is float32 (float_list) or int64 (int64_list) (got " + dtype.name().toLowerCase(Locale.ROOT) + ")");
    }
  }
}
