package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Key;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.SpecException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A CSV file with a header row; numeric features, a numeric or string label (strings are mapped to class ids in sorted order). */
@Doc("A CSV file with a header row; numeric features, a numeric or string label (strings are mapped to class ids in sorted order)")
@Kind("csv")
public record CsvSpec(
    @FilePath @Doc("CSV file with a header row") String path,
    @Doc("the label column") String label,
    @Doc("feature columns, in order; default every other column") @OptionalKey List<String> features,
    @Doc("for a model with several inputs: each input's name to its columns, in order (the input's values, row-major)")
        @OptionalKey
        Map<String, List<String>> featureGroups) implements SourceSpec {
  public CsvSpec {
    if (features != null && featureGroups != null) {
      throw new SpecException("feature_groups", "set features (one input) or feature_groups (one group of columns per input), not both");
    }
    if (featureGroups != null) {
      Map<String, List<String>> groups = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> g : featureGroups.entrySet()) {
        if (g.getValue().isEmpty()) {
          throw new SpecException("feature_groups", "group '" + g.getKey() + "' lists no columns");
        }
        if (g.getValue().contains(label)) {
          throw new SpecException("feature_groups", "group '" + g.getKey() + "' must not contain the label column '" + label + "'");
        }
        groups.put(g.getKey(), List.copyOf(g.getValue()));
      }
      featureGroups = Collections.unmodifiableMap(groups);
    }
    if (features != null) {
      features = List.copyOf(features);
      if (features.contains(label)) {
        throw new SpecException("features", "must not contain the label column '" + label + "'");
      }
    }
  }

  /** A one-input source: {@code features} columns, or every column but the label when null. */
  public CsvSpec(String path, String label, List<String> features) {
    this(path, label, features, null);
  }
}
