package io.inscope.configs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Small job files for tests. */
public final class Jobs {
  /** A complete job that needs no data files. */
  public static final String TINY = """
      version: 1
      name: tiny
      model:
        input: {shape: [4]}
        layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 3}}]
      loss: sparse_categorical_crossentropy
      optimizer: {adam: {learning_rate: 0.01}}
      data:
        train: {synthetic: {examples: 64, classes: 3}, batch_size: 8}
      train: {epochs: 1}
      """;

  private Jobs() {}

  public static Path write(Path dir, String name, String text) {
    try {
      Path file = dir.resolve(name);
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JobSpec load(Path file, String... overrides) throws JobFileException {
    return new JobLoader(Map.of()).load(file, List.of(overrides)).spec();
  }

  public static JobSpec load(Map<String, String> env, String yaml) throws JobFileException {
    return new JobLoader(env).loadResolved(yaml, Path.of("job.yaml")).spec();
  }

  /** The report of a job that must fail. */
  public static String errors(Map<String, String> env, String yaml) {
    try {
      new JobLoader(env).loadResolved(yaml, Path.of("job.yaml"));
    } catch (JobFileException e) {
      return e.report();
    }
    throw new AssertionError("expected errors, the job loaded:\n" + yaml);
  }
}
