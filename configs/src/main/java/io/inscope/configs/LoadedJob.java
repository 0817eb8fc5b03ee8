package io.inscope.configs;

import java.nio.file.Path;

/**
 * A job file loaded and checked.
 *
 * @param file the job file, absolute and normalized
 * @param spec the resolved job: templates merged, environment interpolated, overrides applied,
 *     defaults filled in, file paths absolute
 */
public record LoadedJob(Path file, JobSpec spec) {}
