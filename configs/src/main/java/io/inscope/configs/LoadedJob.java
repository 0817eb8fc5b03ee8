package io.inscope.configs;

import java.nio.file.Path;
import java.util.Map;

/**
 * A job file loaded and checked.
 *
 * @param file the job file, absolute and normalized
 * @param spec the resolved job: templates merged, environment interpolated, overrides applied,
 *     defaults filled in, file paths absolute
 * @param secrets the values taken from environment variables with secret-looking names: redact
 *     them from whatever is written or shown ({@code render}, the run directory, messages)
 * @param positions where each dotted path was written, for errors found later ({@code plan}
 *     reports a merge of mismatched shapes at the layer that merges)
 */
public record LoadedJob(Path file, JobSpec spec, Secrets secrets, Map<String, Position> positions) {

  /** A place in a job file: the file as the user named it, 1-based line and column (0: none). */
  public record Position(String source, int line, int column) {}

  public LoadedJob {
    positions = Map.copyOf(positions);
  }

  public LoadedJob(Path file, JobSpec spec, Secrets secrets) {
    this(file, spec, secrets, Map.of());
  }

  public LoadedJob(Path file, JobSpec spec) {
    this(file, spec, Secrets.NONE);
  }

  /** An error at {@code path} (or at the nearest enclosing path written in the file). */
  public ConfigError errorAt(String path, String message) {
    String at = path;
    while (!positions.containsKey(at) && !at.isEmpty()) {
      int cut = Math.max(at.lastIndexOf('.'), at.lastIndexOf('['));
      at = cut < 0 ? "" : at.substring(0, cut);
    }
    Position p = positions.get(at);
    return p == null ? new ConfigError(file.toString(), 0, 0, path, message) : new ConfigError(p.source(), p.line(), p.column(), path, message);
  }
}
