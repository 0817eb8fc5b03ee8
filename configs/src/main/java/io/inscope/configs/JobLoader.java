package io.inscope.configs;

import io.inscope.configs.internal.Pipeline;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Loads job files: reads the {@code extends} chain, applies {@code --set} overrides, interpolates
 * {@code ${VAR}} and {@code ${VAR:-default}} from the environment, binds the result to a {@link
 * JobSpec} with every default filled in, and checks it. All errors come together in one {@link
 * JobFileException}.
 *
 * <pre>
 * LoadedJob job = new JobLoader(System.getenv()).load(Path.of("jobs/mnist.yaml"), List.of("train.epochs=1"));
 * </pre>
 *
 * <p>Only plain YAML data is read (no tag constructs an object); the document size, nesting depth,
 * aliases and the node count after alias expansion are bounded, so hostile input fails fast as a
 * config error. Error sources are named as the caller named the file; a base file is named
 * relative to that ({@code jobs/base.yaml}).
 */
public final class JobLoader {
  private final Map<String, String> env;

  /** @param env the environment for interpolation: {@code System.getenv()} in production */
  public JobLoader(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /**
   * Loads and checks a job file.
   *
   * @param overrides {@code path=value} strings from {@code --set}, applied in order after
   *     templates and before interpolation and validation
   */
  public LoadedJob load(Path jobFile, List<String> overrides) throws JobFileException {
    Path file = jobFile.toAbsolutePath().normalize();
    return result(new Pipeline(env).load(file, jobFile.toString(), overrides), file, jobFile.toString());
  }

  /**
   * Loads YAML text as if it were the file {@code pretendFile}: relative paths and {@code extends}
   * resolve against that file's directory and errors name it. For tests and for reloading a
   * rendered job.
   */
  public LoadedJob loadResolved(String yaml, Path pretendFile) throws JobFileException {
    Path file = pretendFile.toAbsolutePath().normalize();
    return result(new Pipeline(env).loadText(yaml, file, pretendFile.toString()), file, pretendFile.toString());
  }

  private static LoadedJob result(Pipeline.Result result, Path file, String display) throws JobFileException {
    if (!result.errors().isEmpty()) {
      throw new JobFileException(display, result.errors());
    }
    return new LoadedJob(file, result.spec(), result.secrets(), result.positions());
  }
}
