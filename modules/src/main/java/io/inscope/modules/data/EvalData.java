package io.inscope.modules.data;

/**
 * An evaluation split as {@link io.inscope.modules.train.Evaluator} reads it: every example once,
 * in file order, with its {@code preprocessing} (inference steps) applied. Held in memory ({@link
 * #inMemory}) or streamed from its files ({@link EvalStream}, {@link ImageList#evaluation}, {@code
 * cache: false}); all give the
 * same rows in the same order, so an evaluation's batches, and its metrics, are the same.
 */
public interface EvalData {
  /** The number of examples. */
  long size();

  /** The shape of one example's features ({@code model.input.shape}). */
  long[] featureShape();

  /** The shape of one example's label. */
  long[] labelShape();

  /** A pass over the split from its first example; close it when done (a streamed split's reader stops). */
  Reader open() throws DataException, InterruptedException;

  default int featureElements() {
    return elements(featureShape());
  }

  default int labelElements() {
    return elements(labelShape());
  }

  /** One pass: the examples in order, a batch at a time. */
  interface Reader extends AutoCloseable {
    /**
     * Copies the next {@code rows} examples into rows {@code 0 .. rows - 1} of {@code features}
     * and {@code labels}.
     *
     * @throws DataException for a bad record of a streamed split, naming its file and record
     */
    void read(float[] features, float[] labels, int rows) throws DataException, InterruptedException;

    @Override
    void close();
  }

  /** A split held in memory, its preprocessing already applied. */
  static EvalData inMemory(Examples examples) {
    return new EvalData() {
      @Override
      public long size() {
        return examples.size();
      }

      @Override
      public long[] featureShape() {
        return examples.featureShape();
      }

      @Override
      public long[] labelShape() {
        return examples.labelShape();
      }

      @Override
      public Reader open() {
        return new Reader() {
          private int next;

          @Override
          public void read(float[] features, float[] labels, int rows) {
            examples.slice(next, rows, features, labels);
            next += rows;
          }

          @Override
          public void close() {}
        };
      }
    };
  }

  private static int elements(long[] shape) {
    long n = 1;
    for (long d : shape) {
      n *= d;
    }
    return Math.toIntExact(n);
  }
}
