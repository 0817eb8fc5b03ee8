package io.inscope.runner;

/**
 * A failure the user can fix, reported as its message alone (no stack trace) with an exit code.
 * One found in a value of the job file (a layer whose input shapes do not fit) also carries that
 * value's dotted {@link #path()}, so a command that has the loaded file can say where it was written.
 */
public final class UserException extends Exception {
  private final int exitCode;
  private final String path;
  private final String detail;

  public UserException(int exitCode, String message) {
    this(exitCode, message, null, null);
  }

  /** An error in the value at {@code path}; the message is {@code path: detail}. */
  public UserException(int exitCode, String message, String path, String detail) {
    super(message);
    this.exitCode = exitCode;
    this.path = path;
    this.detail = detail;
  }

  public int exitCode() {
    return exitCode;
  }

  /** The dotted path of the value at fault in the job file, or null. */
  public String path() {
    return path;
  }

  /** The message without the path, or null. */
  public String detail() {
    return detail;
  }
}
