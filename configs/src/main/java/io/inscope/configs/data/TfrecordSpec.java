package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Kind;
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
    @Doc("the feature used as the label") String label) implements SourceSpec {
  public TfrecordSpec {
    paths = List.copyOf(paths);
    // keeps the file's order, so the resolved job lists features as written
    features = Collections.unmodifiableMap(new LinkedHashMap<>(features));
    if (!features.containsKey(label)) {
      throw new SpecException("label", "must name a declared feature (got '" + label + "', features: " + new java.util.TreeSet<>(features.keySet()) + ")");
    }
  }
}
