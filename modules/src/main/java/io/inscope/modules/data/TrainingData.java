package io.inscope.modules.data;

import java.util.function.Supplier;

/**
 * The training split as the training loop takes it: batches of a fixed global size for every
 * global step, the same for a step whether the run was resumed or not. Held in memory ({@link
 * #inMemory}: an {@link Examples} and its {@link BatchPlan}) or streamed from files ({@link
 * TfrecordStream}; image files listed and decoded batch by batch in the same {@link BatchPlan}'s
 * batches: {@link ImageList#training}).
 */
public interface TrainingData {
  /** Examples per epoch (this task's, in a multi-worker job). */
  long size();

  /** The batch of one step: the global batch size, or this task's share of it between graphs. */
  int batchSize();

  /** Full batches per epoch; the last partial batch is dropped. */
  long stepsPerEpoch();

  /** The shape of one example's features ({@code model.input.shape}). */
  long[] featureShape();

  /** The shape of one example's label. */
  long[] labelShape();

  /** A cursor whose next batch is that of global step {@code step}. */
  BatchCursor cursorAt(long step) throws DataException, InterruptedException;

  default int featureElements() {
    return elements(featureShape());
  }

  default int labelElements() {
    return elements(labelShape());
  }

  /** The split held in memory, batched as {@code plan} says. */
  static TrainingData inMemory(Examples examples, BatchPlan plan) {
    if (examples.size() != plan.size()) {
      throw new IllegalArgumentException("the plan is for " + plan.size() + " examples, not " + examples.size());
    }
    return planned(plan, examples.featureShape(), examples.labelShape(),
        () -> (cursor, features, labels, dstRow) -> cursor.next(examples, features, labels, dstRow));
  }

  /** Writes the batch of a plan's cursor (which it advances) into rows from {@code dstRow}. */
  interface Gather {
    void next(BatchPlan.Cursor cursor, float[] features, float[] labels, int dstRow) throws DataException, InterruptedException;
  }

  /**
   * A split batched by {@code plan} (its size, batch and steps per epoch), each cursor writing its
   * batches with a {@link Gather} from {@code gathers} (one per cursor: it may keep scratch arrays).
   */
  static TrainingData planned(BatchPlan plan, long[] featureShape, long[] labelShape, Supplier<Gather> gathers) {
    long[] features = featureShape.clone();
    long[] labels = labelShape.clone();
    return new TrainingData() {
      @Override
      public long size() {
        return plan.size();
      }

      @Override
      public int batchSize() {
        return plan.batchSize();
      }

      @Override
      public long stepsPerEpoch() {
        return plan.stepsPerEpoch();
      }

      @Override
      public long[] featureShape() {
        return features.clone();
      }

      @Override
      public long[] labelShape() {
        return labels.clone();
      }

      @Override
      public BatchCursor cursorAt(long step) {
        BatchPlan.Cursor cursor = plan.cursorAt(step);
        Gather gather = gathers.get();
        return new BatchCursor() {
          @Override
          public long step() {
            return cursor.step();
          }

          @Override
          public void next(float[] features, float[] labels, int dstRow) throws DataException, InterruptedException {
            gather.next(cursor, features, labels, dstRow);
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
