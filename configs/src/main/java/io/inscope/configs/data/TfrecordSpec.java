package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.SpecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** TFRecord files of tf.Example records with a declared feature spec. */
@Doc("TFRecord files of tf.Example records with a declared feature spec")
@Kind("tfrecord")
public record TfrecordSpec(
    @FilePath @Doc("TFRecord files of tf.Example; * and ? globs allowed in the file name") List<String> paths,
    @Doc("feature name to its shape and dtype") Map<String, FeatureSpec> features,
    @Doc("the feature used as the label") String label,
    @Doc("gzip, zlib or none; default gzip when every file name ends with .gz, none when none does (per file when mixed)")
        @OptionalKey
        Compression compression) implements SourceSpec {
  public TfrecordSpec {
    paths = List.copyOf(paths);
    if (compression == null && !paths.isEmpty()) {
      Compression first = Compression.byName(paths.get(0));
      compression = paths.stream().allMatch(p -> Compression.byName(p) == first) ? first : null;
    }
    // keeps the file's order, so the resolved job lists features as written
    features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    if (!features.containsKey(label)) {
      throw new SpecException("label", "must name a declared feature (got '" + label + "', features: " + new java.util.TreeSet<>(features.keySet()) + ")");
    }
  }

  /** A spec whose compression follows the file names ({@link Compression#byName}). */
  public TfrecordSpec(List<String> paths, Map<String, FeatureSpec> features, String label) {
    this(paths, features, label, null);
  }

  /** The compression of one of {@link #paths()}: the declared one, else by its name. */
  public Compression compressionOf(String path) {
    return compression != null ? compression : Compression.byName(path);
  }
}
