package io.inscope.configs;

import java.util.List;

/**
 * A job file (with its base files and {@code --set} overrides) is not valid. Holds every error
 * found, in file order; {@link #report()} is what {@code check} prints before exiting with code 2:
 *
 * <pre>
 * jobs/mnist.yaml has 2 errors:
 *   jobs/mnist.yaml:12:11: optimizer: unknown kind 'adamw' (expected one of adadelta, ...; did you mean 'adam'?)
 *   jobs/mnist.yaml:14:20: train.epochs: expected an integer, got 'ten'
 * </pre>
 */
public final class JobFileException extends Exception {
  private final String file;
  private final List<ConfigError> errors;

  public JobFileException(String file, List<ConfigError> errors) {
    super(null, null, false, false);
    if (errors.isEmpty()) {
      throw new IllegalArgumentException("a JobFileException needs at least one error");
    }
    this.file = file;
    this.errors = List.copyOf(errors);
  }

  /** The job file as the user named it. */
  public String file() {
    return file;
  }

  public List<ConfigError> errors() {
    return errors;
  }

  /** A header line ({@code x.yaml has 1 error:}) and one indented line per error. */
  public String report() {
    StringBuilder s = new StringBuilder(Escapes.escape(file)).append(" has ").append(errors.size());
    s.append(errors.size() == 1 ? " error:" : " errors:");
    for (ConfigError e : errors) {
      s.append("\n  ").append(e.format());
    }
    return s.toString();
  }

  @Override
  public String getMessage() {
    return report();
  }
}
