package io.inscope.configs;

import io.inscope.configs.internal.YamlWriter;

/**
 * Writes a resolved job as YAML, as {@code render} prints it and as the run directory keeps it
 * ({@code job.resolved.yaml}): every key present, defaults filled in, keys in record-component
 * order, kinds as {@code {kind: {arguments}}} (a bare name when a kind takes no arguments), unset
 * optional keys as {@code null}, file paths absolute. Loading the text again gives an equal {@link
 * JobSpec}, except that values of keys naming a secret ({@code *password*}, {@code *token*},
 * {@code *secret*}) are written as {@code ***}.
 */
public final class JobRenderer {
  private JobRenderer() {}

  public static String render(JobSpec spec) {
    return YamlWriter.render(spec);
  }
}
