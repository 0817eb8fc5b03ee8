package io.inscope.configs;

/**
 * One error in a job file, as {@code check} prints it.
 *
 * <p>{@link #format()} gives {@code source:line:column: path: message}, for example {@code
 * jobs/mnist.yaml:14:20: optimizer.adam.learning_rate: must be > 0 (got -0.1)}. A value from a
 * base file names the base file. A value given with {@code --set} has no line and column (both 0)
 * and reads {@code --set optimizer.adam.learning_rate: must be > 0 (got -0.1)}. The path is empty
 * for errors about the document as a whole ({@code jobs/mnist.yaml:1:1: missing required key
 * 'train'}). Control characters and ANSI escape sequences in any part (a value echoed in the
 * message, a key in the path) are printed escaped ({@link Escapes}): {@code \e[31m}, {@code \0}.
 *
 * @param source the file as the user named it (a base file as its {@code extends} names it,
 *     relative to the naming file), or {@code --set}
 * @param line 1-based line, or 0 when the error has no position
 * @param column 1-based column, or 0 when the error has no position
 * @param path the dotted path of the value ({@code model.layers[2].dense.units}), or empty
 * @param message what is wrong: lower-case, no trailing period
 */
public record ConfigError(String source, int line, int column, String path, String message) {

  public String format() {
    StringBuilder s = new StringBuilder(source);
    if (line > 0) {
      s.append(':').append(line).append(':').append(column).append(':');
      if (!path.isEmpty()) {
        s.append(' ').append(path).append(':');
      }
    } else if (!path.isEmpty()) {
      s.append(' ').append(path).append(':');
    } else {
      s.append(':');
    }
    return Escapes.escape(s.append(' ').append(message).toString());
  }
}
