package io.inscope.modules.data;

/**
 * A position in the sequence of training batches (see {@link TrainingData#cursorAt}): {@link
 * #next} writes the batch of global step {@link #step()} and moves to the next step. Used by one
 * thread; {@link #close()} ends any reader threads it started.
 */
public interface BatchCursor extends AutoCloseable {
  /** The global step of the next batch. */
  long step();

  /**
   * Writes the next batch's examples into rows {@code dstRow ..} of {@code features} and {@code
   * labels} (row-major, one example after the other) and advances.
   *
   * @throws DataException for a record that cannot be read (streamed sources read as they go)
   */
  void next(float[] features, float[] labels, int dstRow) throws DataException, InterruptedException;

  @Override
  void close();
}
