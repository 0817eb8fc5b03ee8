package io.inscope.configs.data;

import io.inscope.configs.DType;
import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.Range;
import java.util.List;

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
  }
}
