package io.inscope.configs;

/**
 * An invariant of one spec record does not hold. Thrown from compact constructors; the loader
 * reports it at the location of {@link #key()} (a key of that record, or empty for the record).
 */
public final class SpecException extends IllegalArgumentException {
  private final String key;

  public SpecException(String key, String message) {
    super(message);
    this.key = key;
  }

  /** The snake_case key the message is about, or {@code ""} for the record as a whole. */
  public String key() {
    return key;
  }
}
