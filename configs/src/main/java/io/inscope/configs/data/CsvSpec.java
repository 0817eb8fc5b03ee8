package io.inscope.configs.data;

import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Key;
import io.inscope.configs.Kind;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.SpecException;
import java.util.List;

/** A CSV file with a header row; numeric features, a numeric or string label (strings are mapped to class ids in sorted order). */
@Doc("A CSV file with a header row; numeric features, a numeric or string label (strings are mapped to class ids in sorted order)")
@Kind("csv")
public record CsvSpec(
    @FilePath @Doc("CSV file with a header row") String path,
    @Doc("the label column") String label,
    @Doc("feature columns, in order; default every other column") @OptionalKey List<String> features) implements SourceSpec {
  public CsvSpec {
    if (features != null) {
      features = List.copyOf(features);
      if (features.contains(label)) {
        throw new SpecException("features", "must not contain the label column '" + label + "'");
      }
    }
  }
}
