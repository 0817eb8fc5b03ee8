package io.inscope.configs.internal;

import java.nio.file.Path;

/**
 * Where a value was written: the file as the user named it (or {@code --set}), a 1-based line and
 * column (0 when the value has no position, as for {@code --set}), and the absolute directory that
 * relative file paths in the value resolve against.
 */
public record Origin(String source, int line, int column, Path dir) {
  public static final String SET = "--set";

  /** The origin of every value given on the command line; relative paths resolve against the working directory. */
  public static Origin set() {
    return new Origin(SET, 0, 0, Path.of("").toAbsolutePath());
  }

  public Origin at(int line, int column) {
    return new Origin(source, line, column, dir);
  }

  public boolean isSet() {
    return source.equals(SET);
  }
}
