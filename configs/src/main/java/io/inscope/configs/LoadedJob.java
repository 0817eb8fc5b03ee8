package io.inscope.configs;

import java.nio.file.Path;

/**
 * A job file loaded and checked.
 *
 * @param file the job file, absolute and normalized
 * @param spec the resolved job: templates merged, environment interpolated, overrides applied,
 *     defaults filled in, file paths absolute
 * @param secrets the values taken from environment variables with secret-looking names: redact
 *     them from whatever is written or shown ({@code render}, the run directory, messages)
 */
public record LoadedJob(Path file, JobSpec spec, Secrets secrets) {
  public LoadedJob(Path file, JobSpec spec) {
    this(file, spec, Secrets.NONE);
  }
}
