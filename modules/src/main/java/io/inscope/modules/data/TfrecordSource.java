package io.inscope.modules.data;

import com.google.protobuf.InvalidProtocolBufferException;
import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.data.FeatureEncoding;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.SourceSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.configs.layers.ModelInput;
import io.inscope.modules.data.internal.BilinearResize;
import io.inscope.modules.data.internal.ExampleParser;
import io.inscope.modules.data.internal.GrowableFloats;
import io.inscope.modules.data.internal.ImageDecoder;
import io.inscope.modules.data.internal.Globs;
import io.inscope.modules.data.internal.Suggestions;
import io.inscope.modules.data.internal.TfRecordReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;

/**
 * The {@code tfrecord} source: TFRecord files of {@code tf.Example} protos, each feature read to a
 * fixed shape.
 *
 * <pre>
 * tfrecord:
 *   paths: [data/train-*.tfrecord]
 *   features: {image: {shape: [784], dtype: float32}, label: {shape: [], dtype: int64}}
 *   label: label
 * </pre>
 *
 * <table>
 *   <caption>keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>paths</td><td>required</td><td>files; {@code *} and {@code ?} in the file name match,
 *       each pattern's files are read in sorted order</td></tr>
 *   <tr><td>features</td><td>required</td><td>name to {@link FeatureSpec}: float32 reads a
 *       float_list, int64 an int64_list, of exactly the shape's element count, or with {@code
 *       variable_length: true} of any length, padded with 0 or truncated to it (the first values
 *       kept); {@code encoding: image} reads a bytes_list of one PNG, JPEG, GIF or BMP image,
 *       decoded and resized to the shape {@code [h, w, channels]} as {@code image_folder} does
 *       ({@link ImageFolderSource})</td></tr>
 *   <tr><td>label</td><td>required</td><td>the feature used as the label</td></tr>
 *   <tr><td>compression</td><td>by file name</td><td>{@code gzip}, {@code zlib} or {@code none}
 *       (TensorFlow's {@code TFRecordOptions}: the whole file is one stream); default {@code gzip}
 *       for names ending {@code .gz}, else {@code none}</td></tr>
 * </table>
 *
 * <p>For a model with one input ({@code model.input}), the example's features are all non-label
 * features concatenated in sorted name order; their element count must equal {@code
 * model.input}'s. For a model with several inputs ({@code model.inputs}), each input reads the
 * feature of its name, which must hold as many values as the input; features no input names are
 * not read. Framing checksums are verified (see {@link
 * TfRecordReader}); a file whose first bytes do not look like its compression fails before any
 * record is read, naming the compression they look like ({@link
 * io.inscope.modules.data.internal.CompressedStreams}); features a record has but the spec does not name are ignored.
 */
public final class TfrecordSource implements SourceFactory {
  private static final String KIND = "tfrecord";

  @Override
  public Examples load(SourceSpec spec, InputSpec input, long seed) throws DataException {
    TfrecordSpec tfrecord = (TfrecordSpec) spec;
    TreeSet<String> featureNames = new TreeSet<>(tfrecord.features().keySet());
    featureNames.remove(tfrecord.label());
    long elements = 0;
    for (String name : featureNames) {
      elements += elements(tfrecord.features().get(name));
    }
    if (elements != input.elements()) {
      throw new DataException(KIND + ".features", "features " + featureNames + " hold " + elements
          + " values but model.input.shape " + input.shape() + " has " + input.elements()
          + "; declare the features' shapes so that they add up to model.input, or change model.input.shape");
    }
    return read(tfrecord, List.copyOf(featureNames), input);
  }

  /** Each named input reads the feature of its name, in the inputs' order. */
  @Override
  public Examples load(SourceSpec spec, Map<String, InputSpec> inputs, long seed) throws DataException {
    TfrecordSpec tfrecord = (TfrecordSpec) spec;
    if (!byName(tfrecord, inputs)) {
      return load(spec, inputs.values().iterator().next(), seed);
    }
    return read(tfrecord, featuresOf(tfrecord, inputs), ModelSpec.featureRow(inputs));
  }

  /**
   * Whether the model's inputs read features by name: when it has several, or its one input is
   * named (not {@code input}) after a declared feature. Otherwise every feature but the label
   * is concatenated in name order.
   */
  static boolean byName(TfrecordSpec tfrecord, Map<String, InputSpec> inputs) {
    if (inputs.size() > 1) {
      return true;
    }
    String name = inputs.keySet().iterator().next();
    return !name.equals(ModelInput.NAME) && tfrecord.features().containsKey(name) && !name.equals(tfrecord.label());
  }

  /** The feature of each input's name, checked against the input's element count. */
  static List<String> featuresOf(TfrecordSpec tfrecord, Map<String, InputSpec> inputs) throws DataException {
    TreeSet<String> declared = new TreeSet<>(tfrecord.features().keySet());
    declared.remove(tfrecord.label());
    for (Map.Entry<String, InputSpec> in : inputs.entrySet()) {
      String name = in.getKey();
      FeatureSpec feature = tfrecord.features().get(name);
      if (name.equals(tfrecord.label())) {
        throw new DataException(KIND + ".label", "the label feature '" + name + "' is also model.inputs." + name
            + "; a model input reads a feature other than the label");
      }
      if (feature == null) {
        throw new DataException(KIND + ".features", "no feature '" + name + "' for model.inputs." + name
            + " (declared: " + declared + ")" + Suggestions.didYouMean(name, declared)
            + "; each model input reads the feature of its name: declare it under features");
      }
      if (elements(feature) != in.getValue().elements()) {
        throw new DataException(KIND + ".features." + name, "feature '" + name + "' holds " + elements(feature)
            + " values (shape " + feature.shape() + ") but model.inputs." + name + ".shape " + in.getValue().shape()
            + " has " + in.getValue().elements() + "; make the shapes agree");
      }
    }
    return List.copyOf(inputs.keySet());
  }

  /** Every record of the files: {@code featureNames}' values in that order, then the label. */
  private static Examples read(TfrecordSpec tfrecord, List<String> featureNames, InputSpec input) throws DataException {
    GrowableFloats features = new GrowableFloats();
    GrowableFloats labels = new GrowableFloats();
    List<Path> files = Globs.expand(tfrecord.paths(), KIND + ".paths");
    int[] firsts = new int[files.size()];
    int labelElements = (int) elements(tfrecord.features().get(tfrecord.label()));
    int featureElements = 0;
    for (String name : featureNames) {
      featureElements += (int) elements(tfrecord.features().get(name));
    }
    ExampleParser parser = parser(tfrecord, featureNames);
    float[] row = new float[featureElements + labelElements];
    for (int f = 0; f < files.size(); f++) {
      Path file = files.get(f);
      firsts[f] = labels.size() / labelElements;
      try (TfRecordReader records = new TfRecordReader(file, tfrecord.compressionOf(file.toString()), KIND)) {
        for (int length = records.read(); length >= 0; length = records.read()) {
          if (parser != null && parser.parse(records.data(), length, row, 0)) {
            features.addAll(row, 0, featureElements);
            labels.addAll(row, featureElements, labelElements);
            continue;
          }
          Map<String, Feature> map = parse(java.util.Arrays.copyOf(records.data(), length), records).getFeatures().getFeatureMap();
          for (String name : featureNames) {
            append(map, name, tfrecord.features().get(name), features, records);
          }
          append(map, tfrecord.label(), tfrecord.features().get(tfrecord.label()), labels, records);
        }
      } catch (IOException e) {
        throw new DataException(KIND, file + ": cannot be closed: " + e.getMessage());
      }
    }
    long[] shape = input.shape().stream().mapToLong(Integer::longValue).toArray();
    long[] labelShape = tfrecord.features().get(tfrecord.label()).shape().stream().mapToLong(Integer::longValue).toArray();
    return new Examples(features.toArray(), shape, labels.toArray(), labelShape, List.of(), -1,
        Origins.records(files, firsts, "feature '" + tfrecord.label() + "'"), null);
  }

  /**
   * A parser of records into rows of {@code featureNames}' values then the label's, straight from
   * the bytes ({@link ExampleParser}); null when a feature is an encoded image (read with protobuf).
   * One per reading thread.
   */
  static ExampleParser parser(TfrecordSpec tfrecord, List<String> featureNames) {
    List<ExampleParser.Field> fields = new java.util.ArrayList<>();
    List<String> names = new java.util.ArrayList<>(featureNames);
    names.add(tfrecord.label());
    int at = 0;
    for (String name : names) {
      FeatureSpec f = tfrecord.features().get(name);
      if (f.encoding() == FeatureEncoding.IMAGE) {
        return null;
      }
      int n = (int) elements(f);
      fields.add(new ExampleParser.Field(name, at, n, f.dtype().isFloating(), f.variableLength()));
      at += n;
    }
    return new ExampleParser(fields);
  }

  static Example parse(byte[] record, TfRecordReader records) throws DataException {
    try {
      return Example.parseFrom(record);
    } catch (InvalidProtocolBufferException e) {
      throw records.error("not a tf.Example (" + e.getMessage() + "); write tf.train.Example protos");
    }
  }

  static void append(Map<String, Feature> map, String name, FeatureSpec spec, GrowableFloats dst, TfRecordReader records)
      throws DataException {
    float[] values = new float[(int) elements(spec)];
    fill(map, name, spec, values, 0, records);
    dst.addAll(values);
  }

  /**
   * Reads feature {@code name} of a record into {@code dst[at, at + elements)}.
   *
   * @return {@code at + elements}
   */
  static int fill(Map<String, Feature> map, String name, FeatureSpec spec, float[] dst, int at, TfRecordReader records)
      throws DataException {
    Feature feature = map.get(name);
    if (feature == null) {
      throw records.error("no feature '" + name + "' (the record has " + new TreeSet<>(map.keySet()) + ")");
    }
    int elements = (int) elements(spec);
    if (spec.encoding() == FeatureEncoding.IMAGE) {
      fillImage(feature, name, spec, dst, at, records);
      return at + elements;
    }
    boolean floating = spec.dtype().isFloating();
    int count = floating ? feature.getFloatList().getValueCount() : feature.getInt64List().getValueCount();
    if (floating ? !feature.hasFloatList() : !feature.hasInt64List()) {
      throw records.error("feature '" + name + "' is " + kind(feature) + " but its dtype " + spec.dtype().name().toLowerCase()
          + " reads " + (floating ? "a float_list" : "an int64_list") + "; set its dtype to "
          + (feature.hasFloatList() ? "float32" : feature.hasInt64List() ? "int64" : "a type of its values"));
    }
    if (count != elements && !spec.variableLength()) {
      throw records.error("feature '" + name + "' has " + count + " values but its shape " + spec.shape() + " needs "
          + elements + "; fix the shape in 'features', or set variable_length: true to pad or truncate it");
    }
    int kept = Math.min(count, elements);
    for (int i = 0; i < kept; i++) {
      dst[at + i] = floating ? feature.getFloatList().getValue(i) : (float) feature.getInt64List().getValue(i);
    }
    java.util.Arrays.fill(dst, at + kept, at + elements, 0f);
    return at + elements;
  }

  private static final ThreadLocal<ImageDecoder> DECODERS = ThreadLocal.withInitial(ImageDecoder::new);

  private static void fillImage(Feature feature, String name, FeatureSpec spec, float[] dst, int at, TfRecordReader records)
      throws DataException {
    if (!feature.hasBytesList() || feature.getBytesList().getValueCount() != 1) {
      throw records.error("feature '" + name + "' is " + kind(feature)
          + (feature.hasBytesList() ? " of " + feature.getBytesList().getValueCount() + " values" : "")
          + " but encoding: image reads a bytes_list holding one encoded image");
    }
    int h = spec.shape().get(0);
    int w = spec.shape().get(1);
    int c = spec.shape().get(2);
    try {
      ImageDecoder.Pixels p = DECODERS.get().decode(feature.getBytesList().getValue(0).toByteArray(), c);
      BilinearResize.resize(p.data(), p.height(), p.width(), c, h, w, dst, at);
    } catch (java.io.IOException | RuntimeException e) {
      throw records.error("feature '" + name + "': " + (e.getMessage() == null ? e.toString() : e.getMessage()) + "; write the record again with a PNG, JPEG, GIF or BMP image");
    }
  }

  private static String kind(Feature feature) {
    return switch (feature.getKindCase()) {
      case BYTES_LIST -> "a bytes_list";
      case FLOAT_LIST -> "a float_list";
      case INT64_LIST -> "an int64_list";
      default -> "empty";
    };
  }

  static long elements(FeatureSpec spec) {
    long n = 1;
    for (int d : spec.shape()) {
      n *= d;
    }
    return n;
  }
}
