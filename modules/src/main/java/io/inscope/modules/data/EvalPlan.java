package io.inscope.modules.data;

/**
 * Evaluation batches: every example once, in file order, in batches of {@code batchSize} with a
 * smaller final batch when the size is not a multiple. Copy batch {@code b} with {@code
 * examples.slice(plan.start(b), plan.count(b), features, labels)}.
 *
 * @param size the number of evaluation examples
 * @param batchSize {@code data.eval.batch_size}
 */
public record EvalPlan(int size, int batchSize) {
  public EvalPlan {
    if (size < 0 || batchSize < 1) {
      throw new IllegalArgumentException("size " + size + " and batch size " + batchSize + " must be >= 0 and >= 1");
    }
  }

  public int batches() {
    return (int) ((size + (long) batchSize - 1) / batchSize);
  }

  /** The first example of batch {@code batch}. */
  public int start(int batch) {
    return batch * batchSize;
  }

  /** The number of examples in batch {@code batch}: {@code batchSize}, less for the last one. */
  public int count(int batch) {
    return Math.min(batchSize, size - start(batch));
  }
}
