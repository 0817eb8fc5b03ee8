package io.inscope.runner;

/** A failure the user can fix, reported as its message alone (no stack trace) with an exit code. */
public final class UserException extends Exception {
  private final int exitCode;

  public UserException(int exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public int exitCode() {
    return exitCode;
  }
}
