package io.inscope.modules.data;

import io.inscope.modules.data.internal.SplitMix64;

/**
 * The order of training batches: which examples form global step {@code k}, for every {@code k},
 * so that a run resumed at step {@code k} sees exactly the batches an uninterrupted run would.
 *
 * <p>Epoch {@code e} visits every example once, in the order that TensorFlow's {@code
 * tf.data.Dataset.shuffle(s)} produces: a buffer holds the next {@code s} unread examples; each
 * output picks a uniformly random buffer slot, emits it and refills the slot from the input; when
 * the input is exhausted the buffer drains in random picks. Like TensorFlow's {@code
 * ShuffleDatasetOp} the buffer is a window of the order array and the picked slot is swapped to the
 * window's front, which makes {@code s >= n} a Fisher-Yates shuffle and {@code s <= 1} the file
 * order. Picks come from {@link SplitMix64#forKeys SplitMix64.forKeys(seed, SHUFFLE, epoch)}, so
 * an epoch's order depends on (seed, epoch) only, never on history; orders are not bit-identical
 * to tf.data's, whose generator differs.
 *
 * <p>Batches are consecutive runs of {@code batchSize} examples of the epoch order; the last
 * partial batch is dropped, as {@code drop_remainder=True} does, so every step has the same global
 * batch. Global step {@code k} is batch {@code k % stepsPerEpoch} of epoch {@code k /
 * stepsPerEpoch}.
 */
public final class BatchPlan {
  // Separates the shuffle stream from other uses of the job seed (the synthetic source).
  static final long SHUFFLE = 0x5348554646L;

  private final int size;
  private final int batchSize;
  private final int shuffleBuffer;
  private final long seed;
  private final long stepsPerEpoch;

  private BatchPlan(int size, int batchSize, int shuffleBuffer, long seed) {
    this.size = size;
    this.batchSize = batchSize;
    this.shuffleBuffer = shuffleBuffer;
    this.seed = seed;
    this.stepsPerEpoch = size / batchSize;
  }

  /**
   * @param size the number of training examples
   * @param batchSize the global batch size ({@code data.train.batch_size})
   * @param shuffleBuffer the shuffle buffer size ({@code data.train.shuffle}); 0 = file order
   * @param seed the job seed
   * @throws DataException at {@code batch_size} when there are fewer examples than one batch
   */
  public static BatchPlan of(int size, int batchSize, int shuffleBuffer, long seed) throws DataException {
    if (batchSize < 1 || shuffleBuffer < 0) {
      throw new IllegalArgumentException("batch size " + batchSize + " and shuffle buffer " + shuffleBuffer + " must be >= 1 and >= 0");
    }
    if (size < batchSize) {
      throw new DataException("batch_size", batchSize + " is more than the " + size
          + " training examples; the last partial batch is dropped, so no step could run: set batch_size to at most " + size);
    }
    return new BatchPlan(size, batchSize, shuffleBuffer, seed);
  }

  public int size() {
    return size;
  }

  public int batchSize() {
    return batchSize;
  }

  /** Full batches per epoch: {@code size / batchSize}. */
  public long stepsPerEpoch() {
    return stepsPerEpoch;
  }

  /** The example indices of epoch {@code epoch}, in training order: a permutation of 0..size-1. */
  public int[] epochOrder(long epoch) {
    int[] order = new int[size];
    fillEpochOrder(epoch, order);
    return order;
  }

  /** A cursor whose next batch is that of global step {@code step}. */
  public Cursor cursorAt(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0 (got " + step + ")");
    }
    return new Cursor(step);
  }

  private void fillEpochOrder(long epoch, int[] order) {
    for (int i = 0; i < size; i++) {
      order[i] = i;
    }
    if (shuffleBuffer <= 1) {
      return;
    }
    SplitMix64 random = SplitMix64.forKeys(seed, SHUFFLE, epoch);
    // order[out, out + live) is the shuffle buffer; order[out + live, size) is the unread input.
    for (int out = 0; out < size - 1; out++) {
      int live = Math.min(shuffleBuffer, size - out);
      int pick = out + random.nextInt(live);
      int swap = order[out];
      order[out] = order[pick];
      order[pick] = swap;
    }
  }

  /**
   * A position in the batch sequence. It owns one order array, refilled at each epoch boundary, so
   * taking batches does not allocate. Not thread-safe.
   */
  public final class Cursor {
    private final int[] order = new int[size];
    private long epoch;
    private long batch;

    private Cursor(long step) {
      epoch = step / stepsPerEpoch;
      batch = step % stepsPerEpoch;
      fillEpochOrder(epoch, order);
    }

    /** The global step of the next batch. */
    public long step() {
      return epoch * stepsPerEpoch + batch;
    }

    public long epoch() {
      return epoch;
    }

    public long batchInEpoch() {
      return batch;
    }

    /** Copies the example indices of the next batch into {@code dst[0, batchSize)} without advancing. */
    public void indices(int[] dst) {
      System.arraycopy(order, (int) (batch * batchSize), dst, 0, batchSize);
    }

    /**
     * Gathers the next batch of {@code examples} into {@code features} and {@code labels} (see
     * {@link Examples#gather}) and advances.
     *
     * @return the global step of the batch gathered
     */
    public long next(Examples examples, float[] features, float[] labels) {
      return next(examples, features, labels, 0);
    }

    /** As {@link #next(Examples, float[], float[])}, into rows {@code dstRow ..} of the arrays. */
    public long next(Examples examples, float[] features, float[] labels, int dstRow) {
      examples.gather(order, (int) (batch * batchSize), batchSize, features, labels, dstRow);
      long step = step();
      advance();
      return step;
    }

    public void advance() {
      if (++batch == stepsPerEpoch) {
        batch = 0;
        epoch++;
        fillEpochOrder(epoch, order);
      }
    }
  }
}
