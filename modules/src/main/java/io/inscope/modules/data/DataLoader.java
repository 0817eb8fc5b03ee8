package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.configs.Kind;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.SourceSpec;
import jakarta.inject.Inject;
import java.util.Map;

/**
 * Loads one split ({@code data.train} or {@code data.eval}): picks the {@link SourceFactory} bound
 * to the source's kind, loads the examples, applies {@code scale}, and puts the split's path in
 * front of any error ({@code data.train.csv: ...}).
 */
public final class DataLoader {
  private final Map<String, SourceFactory> sources;

  @Inject
  public DataLoader(Map<String, SourceFactory> sources) {
    this.sources = Map.copyOf(sources);
  }

  /**
   * @param where the split's spec path, e.g. {@code data.train}
   * @param split the split spec
   * @param input {@code model.input}
   * @param seed the job seed
   */
  public Examples load(String where, DataSplitSpec split, InputSpec input, long seed) throws DataException {
    String kind = kindOf(split.source().getClass());
    SourceFactory source = sources.get(kind);
    if (source == null) {
      throw new IllegalStateException("no SourceFactory bound for kind '" + kind + "' (bound: " + sources.keySet() + ")");
    }
    try {
      return source.load(split.source(), input, seed).scaled(split.scale());
    } catch (DataException e) {
      throw e.under(where);
    }
  }

  /** The YAML name of a source kind: its {@link Kind} annotation. */
  public static String kindOf(Class<? extends SourceSpec> type) {
    Kind kind = type.getAnnotation(Kind.class);
    if (kind == null) {
      throw new IllegalArgumentException(type.getName() + " has no @Kind annotation");
    }
    return kind.value();
  }
}
