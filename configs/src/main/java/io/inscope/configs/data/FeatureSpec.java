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
 * A feature of a tf.Example record, read to a fixed shape.
 *
 * <pre>
 * pixels: {shape: [784], dtype: float32}
 * image:  {shape: [24, 24, 3], encoding: image}        # a bytes_list holding a PNG/JPEG/GIF/BMP
 * tokens: {shape: [50], dtype: int64, variable_length: true}
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>shape</td><td>required</td><td>shape of the feature; {@code []} is a scalar; for an
 *       image {@code [height, width, channels]} with 1 (grayscale) or 3 (rgb) channels</td></tr>
 *   <tr><td>dtype</td><td>float32</td><td>float32 (float_list) or int64 (int64_list)</td></tr>
 *   <tr><td>encoding</td><td>none</td><td>{@code image}: a bytes_list of one encoded image</td></tr>
 *   <tr><td>variable_length</td><td>false</td><td>pad with 0 or truncate to the shape's element
 *       count, keeping the first values</td></tr>
 * </table>
 */
public record FeatureSpec(
    @Doc("shape of the feature; [] is a scalar; an image's is [height, width, channels] (1 or 3 channels)") @Range(min = 1) List<Integer> shape,
    @Doc("float32 (float_list) or int64 (int64_list)") @Default("float32") DType dtype,
    @Doc("none (a float_list or int64_list) or image (a bytes_list of one PNG, JPEG, GIF or BMP image, decoded and resized to shape)")
        @Default("none")
        FeatureEncoding encoding,
    @Doc("true: a list of any length, padded with 0 or truncated (the first values kept) to the shape's element count")
        @Default("false")
        boolean variableLength) {

  public FeatureSpec {
    shape = List.copyOf(shape);
    ShapeLimits.check("shape", shape);
    if (dtype != DType.FLOAT32 && dtype != DType.INT64) {
      throw new SpecException(
          "dtype", "a tf.Example feature is float32 (float_list) or int64 (int64_list) (got " + dtype.name().toLowerCase(Locale.ROOT) + ")");
    }
    if (encoding == FeatureEncoding.IMAGE) {
      if (shape.size() != 3 || (shape.get(2) != 1 && shape.get(2) != 3)) {
        throw new SpecException("shape", "an image feature's shape is [height, width, channels] with 1 (grayscale) or 3 (rgb) channels (got " + shape + ")");
      }
      if (dtype != DType.FLOAT32) {
        throw new SpecException("dtype", "an image feature decodes to float32 values in [0, 255] (got " + dtype.name().toLowerCase(Locale.ROOT) + ")");
      }
      if (variableLength) {
        throw new SpecException("variable_length", "an image feature is resized to its shape; variable_length is for float and int64 lists");
      }
    }
  }

  /** A fixed-length list of numbers. */
  public FeatureSpec(List<Integer> shape, DType dtype) {
    this(shape, dtype, FeatureEncoding.NONE, false);
  }
}
