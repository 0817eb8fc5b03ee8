package io.inscope.configs.internal;

import io.inscope.configs.ConfigError;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/** Collects the errors of one load; sorts them by file (in the order files were read), line and column. */
public final class Problems {
  private final List<String> sources = new ArrayList<>();
  private final List<ConfigError> errors = new ArrayList<>();

  /** Registers a file so its errors sort before those of files read later and of {@code --set}. */
  public void source(String source) {
    if (!sources.contains(source)) {
      sources.add(source);
    }
  }

  public void add(Origin origin, String path, String message) {
    errors.add(new ConfigError(origin.source(), origin.line(), origin.column(), path, message));
  }

  public boolean isEmpty() {
    return errors.isEmpty();
  }

  public int size() {
    return errors.size();
  }

  public List<ConfigError> sorted() {
    Comparator<ConfigError> order =
        Comparator.<ConfigError>comparingInt(e -> rank(e.source()))
            .thenComparingInt(ConfigError::line)
            .thenComparingInt(ConfigError::column);
    return errors.stream().distinct().sorted(order).toList();
  }

  private int rank(String source) {
    int i = sources.indexOf(source);
    return i < 0 ? sources.size() + (source.equals(Origin.SET) ? 0 : 1) : i;
  }
}
