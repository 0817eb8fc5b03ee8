package io.inscope.configs.data;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Range;
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
        Compression compression,
    @Doc("files read at once when a training split streams (cache: false), each by its own thread, records taken from them"
        + " in turn (tf.data's TFRecordDataset num_parallel_reads, interleaved with block_length 1); an eval split reads"
        + " one file after the other")
        @Default("4")
        @Range(min = 1)
        int numParallelReads) implements SourceSpec {
  /** {@code num_parallel_reads} when the file leaves it out. */
  public static final int DEFAULT_NUM_PARALLEL_READS = 4;

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

  /** A spec with {@link #DEFAULT_NUM_PARALLEL_READS}. */
  public TfrecordSpec(List<String> paths, Map<String, FeatureSpec> features, String label, Compression compression) {
    this(paths, features, label, compression, DEFAULT_NUM_PARALLEL_READS);
  }

  /** The compression of one of {@link #paths()}: the declared one, else by its name. */
  public Compression compressionOf(String path) {
    return compression != null ? compression : Compression.byName(path);
  }
}
