package io.inscope.modules.data;

import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.LongUnaryOperator;

/**
 * Prepares training batches on a background daemon thread while the training thread runs the
 * previous step. Batches live in a small ring of reusable slots; in steady state (the producer
 * ahead of the trainer) {@link #next()} only hands a slot back and takes the next one, allocating
 * nothing.
 *
 * <pre>
 * try (BatchPrefetcher batches = BatchPrefetcher.start(examples, plan, resumeStep, lastStep, 3)) {
 *   while (batches.hasNext()) {
 *     Batch batch = batches.next();
 *     feed(batch.features(), batch.labels());
 *   }
 * }
 * </pre>
 *
 * <p>The batches are those of {@link BatchPlan#cursorAt(long)} from {@code fromStep}, in order,
 * whatever the thread timing: one producer walks one cursor. A batch stays valid until the next
 * call to {@link #next()} or {@link #close()}, which recycle its slot. Used by one consumer
 * thread. {@link #close()} stops and joins the producer.
 *
 * <p>For {@code train.steps_per_execution} a slot stages several consecutive steps' batches, one
 * after the other, and the producer also copies them into the slot's feed tensors, so the training
 * thread feeds them as they are: it neither copies nor allocates.
 */
public final class BatchPrefetcher implements AutoCloseable {
  /** Slots in the ring: one being trained on, two being prepared. */
  public static final int DEFAULT_SLOTS = 3;

  private final BlockingQueue<Batch> free;
  private final BlockingQueue<Batch> ready;
  private final Batch failed;
  private final List<Batch> all = new ArrayList<>();
  private final Thread producer;
  private final long toStep;
  private final int maxSteps;
  private final LongUnaryOperator stepsAt;
  private final Preprocessing preprocessing;
  private long nextStep;
  private Batch current;
  private boolean closed;
  private volatile Throwable failure;

  private BatchPrefetcher(
      TrainingData data, long fromStep, long toStep, int slots, int maxSteps, LongUnaryOperator stepsAt,
      Preprocessing preprocessing) {
    this.toStep = toStep;
    this.preprocessing = preprocessing;
    this.nextStep = fromStep;
    this.maxSteps = maxSteps;
    this.stepsAt = stepsAt;
    this.free = new ArrayBlockingQueue<>(slots);
    this.ready = new ArrayBlockingQueue<>(slots + 1);
    this.failed = new Batch(0, 0, data, false);
    for (int i = 0; i < slots; i++) {
      Batch b = new Batch(data.batchSize(), maxSteps, data, true);
      all.add(b);
      free.add(b);
    }
    this.producer = new Thread(() -> produce(data, fromStep), "inscope-batches");
    producer.setDaemon(true);
  }

  /**
   * Starts preparing the batches of global steps {@code [fromStep, toStep)}.
   *
   * @param toStep one past the last step; {@code Long.MAX_VALUE} for no end
   * @param slots reusable batch buffers, at least 2 ({@link #DEFAULT_SLOTS})
   */
  public static BatchPrefetcher start(Examples examples, BatchPlan plan, long fromStep, long toStep, int slots) {
    return start(examples, plan, fromStep, toStep, slots, 1, step -> 1);
  }

  /**
   * Starts preparing the batches of global steps {@code [fromStep, toStep)}, several steps per
   * batch.
   *
   * @param maxSteps steps a batch can hold ({@code train.steps_per_execution})
   * @param stepsAt the steps of the batch that starts at a step, 1 to {@code maxSteps} (cut at
   *     {@code toStep}); the trainer ends an execution early where it evaluates or checkpoints
   */
  public static BatchPrefetcher start(
      Examples examples, BatchPlan plan, long fromStep, long toStep, int slots, int maxSteps, LongUnaryOperator stepsAt) {
    return start(TrainingData.inMemory(examples, plan), fromStep, toStep, slots, maxSteps, stepsAt, null);
  }

  /**
   * As {@link #start(Examples, BatchPlan, long, long, int, int, LongUnaryOperator)}, each batch run
   * through the training split's {@code preprocessing} (on the producer thread) before it is staged.
   *
   * @param preprocessing {@link PreprocessingCompiler#training}, or null for none
   */
  public static BatchPrefetcher start(Examples examples, BatchPlan plan, long fromStep, long toStep, int slots,
      int maxSteps, LongUnaryOperator stepsAt, Preprocessing preprocessing) {
    return start(TrainingData.inMemory(examples, plan), fromStep, toStep, slots, maxSteps, stepsAt, preprocessing);
  }

  /**
   * Starts preparing the batches of global steps {@code [fromStep, toStep)} of {@code data}, held
   * in memory or streamed, each run through {@code preprocessing} (null for none); the producer
   * thread opens the cursor (a stream fills its shuffle buffer there, not on the caller's thread).
   */
  public static BatchPrefetcher start(TrainingData data, long fromStep, long toStep, int slots,
      int maxSteps, LongUnaryOperator stepsAt, Preprocessing preprocessing) {
    if (maxSteps < 1) {
      throw new IllegalArgumentException("need maxSteps >= 1 (got " + maxSteps + ")");
    }
    if (slots < 2 || fromStep < 0 || toStep < fromStep) {
      throw new IllegalArgumentException("need slots >= 2 and 0 <= fromStep <= toStep (got " + slots + ", " + fromStep + ", " + toStep + ")");
    }
    BatchPrefetcher prefetcher = new BatchPrefetcher(data, fromStep, toStep, slots, maxSteps, stepsAt,
        preprocessing != null ? preprocessing : Preprocessing.NONE);
    prefetcher.producer.start();
    return prefetcher;
  }

  public boolean hasNext() {
    return nextStep < toStep;
  }

  /**
   * The next batch, waiting for it if it is not ready; recycles the batch returned before.
   *
   * @throws NoSuchElementException after the batch of step {@code toStep - 1}
   * @throws DataException if a record of the batch could not be read (a streamed source)
   * @throws IllegalStateException if preparing the batch failed otherwise, or after {@link #close()}
   */
  public Batch next() throws InterruptedException, DataException {
    if (closed) {
      throw new IllegalStateException("the prefetcher is closed");
    }
    if (!hasNext()) {
      throw new NoSuchElementException("no batch after step " + (toStep - 1));
    }
    if (current != null) {
      free.add(current);
      current = null;
    }
    Batch batch = ready.take();
    if (batch == failed) {
      ready.add(failed);
      if (failure instanceof DataException data) {
        throw data;
      }
      throw new IllegalStateException("preparing training batch " + nextStep + " failed", failure);
    }
    nextStep += batch.steps();
    current = batch;
    return batch;
  }

  /** Stops the producer thread and waits for it to end; idempotent. */
  @Override
  public void close() {
    closed = true;
    producer.interrupt();
    boolean interrupted = false;
    while (producer.isAlive()) {
      try {
        producer.join();
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    all.forEach(Batch::close);
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void produce(TrainingData data, long fromStep) {
    try (BatchCursor cursor = data.cursorAt(fromStep)) {
      long step = fromStep;
      while (step < toStep) {
        int steps = (int) Math.min(Math.min(stepsAt.applyAsLong(step), maxSteps), toStep - step);
        if (steps < 1) {
          throw new IllegalStateException("a batch at step " + step + " must hold at least one step");
        }
        Batch slot = free.take();
        slot.fill(cursor, steps, preprocessing);
        ready.put(slot);
        step += steps;
      }
    } catch (InterruptedException e) {
      // close() asked the producer to stop; the cursor closed its readers.
    } catch (DataException | RuntimeException | Error e) {
      failure = e;
      ready.add(failed);
    }
  }
}
