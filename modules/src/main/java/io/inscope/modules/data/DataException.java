package io.inscope.modules.data;

/**
 * Data that cannot be loaded or batched as the job asks: a missing or damaged file, a value that
 * is not a number, a shape that does not match {@code model.input}. The message names the spec
 * path, the file (with line or record where one applies), what was wrong and the way out:
 *
 * <pre>
 * data.train.csv: /x/iris.csv:17: column 'petal_width': expected a number, got 'abc'
 * </pre>
 *
 * <p>Sources throw it with their kind as {@link #where()} ({@code csv}); {@link DataLoader} adds
 * the split ({@code data.train}) with {@link #under(String)}. It is a user error: print the
 * message, not the stack trace.
 */
public final class DataException extends Exception {
  private final String where;
  private final String detail;

  /**
   * @param where the dotted spec path the error is about, e.g. {@code csv} or {@code idx.labels}
   * @param detail the file, what was wrong and what to do
   */
  public DataException(String where, String detail) {
    super(where + ": " + detail);
    this.where = where;
    this.detail = detail;
  }

  /** The dotted spec path the error is about, e.g. {@code data.train.csv}. */
  public String where() {
    return where;
  }

  /** The message without {@link #where()}. */
  public String detail() {
    return detail;
  }

  /** The same error under a parent spec path: {@code under("data.train")}. */
  public DataException under(String parent) {
    DataException moved = new DataException(parent + "." + where, detail);
    moved.setStackTrace(getStackTrace());
    return moved;
  }
}
