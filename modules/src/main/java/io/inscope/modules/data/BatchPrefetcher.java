package io.inscope.modules.data;

import java.util.NoSuchElementException;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * Prepares training batches on a background daemon thread while the training thread runs the
 * previous step. Batches live in a small ring of reusable slots; in steady state (the producer
 * ahead of the trainer) {@link #next()} only hands a slot back and takes the next one, allocating
 * nothing.
 *
 * <pre>
 * try (BatchPrefetcher batches = BatchPrefetcher.start(examples, plan, resumeStep, lastStep, 3)) {
 *   while (batches.hasNext()) {
 *     BatchPrefetcher.Batch batch = batches.next();
 *     feed(batch.features(), batch.labels());
 *   }
 * }
 * </pre>
 *
 * <p>The batches are those of {@link BatchPlan#cursorAt(long)} from {@code fromStep}, in order,
 * whatever the thread timing: one producer walks one cursor. A batch stays valid until the next
 * call to {@link #next()} or {@link #close()}, which recycle its slot. Used by one consumer
 * thread. {@link #close()} stops and joins the producer.
 */
public final class BatchPrefetcher implements AutoCloseable {
  /** Slots in the ring: one being trained on, two being prepared. */
  public static final int DEFAULT_SLOTS = 3;

  private final BlockingQueue<Batch> free;
  private final BlockingQueue<Batch> ready;
  private final Batch failed = new Batch(0, 0, 0);
  private final Thread producer;
  private final long toStep;
  private long nextStep;
  private Batch current;
  private boolean closed;
  private volatile Throwable failure;

  private BatchPrefetcher(Examples examples, BatchPlan plan, long fromStep, long toStep, int slots) {
    this.toStep = toStep;
    this.nextStep = fromStep;
    this.free = new ArrayBlockingQueue<>(slots);
    this.ready = new ArrayBlockingQueue<>(slots + 1);
    for (int i = 0; i < slots; i++) {
      free.add(new Batch(plan.batchSize(), examples.featureElements(), examples.labelElements()));
    }
    BatchPlan.Cursor cursor = plan.cursorAt(fromStep);
    this.producer = new Thread(() -> produce(examples, cursor, fromStep), "inscope-batches");
    producer.setDaemon(true);
  }

  /**
   * Starts preparing the batches of global steps {@code [fromStep, toStep)}.
   *
   * @param toStep one past the last step; {@code Long.MAX_VALUE} for no end
   * @param slots reusable batch buffers, at least 2 ({@link #DEFAULT_SLOTS})
   */
  public static BatchPrefetcher start(Examples examples, BatchPlan plan, long fromStep, long toStep, int slots) {
    if (examples.size() != plan.size()) {
      throw new IllegalArgumentException("the plan is for " + plan.size() + " examples, not " + examples.size());
    }
    if (slots < 2 || fromStep < 0 || toStep < fromStep) {
      throw new IllegalArgumentException("need slots >= 2 and 0 <= fromStep <= toStep (got " + slots + ", " + fromStep + ", " + toStep + ")");
    }
    BatchPrefetcher prefetcher = new BatchPrefetcher(examples, plan, fromStep, toStep, slots);
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
   * @throws IllegalStateException if preparing the batch failed, or after {@link #close()}
   */
  public Batch next() throws InterruptedException {
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
      throw new IllegalStateException("preparing training batch " + nextStep + " failed", failure);
    }
    nextStep++;
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
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }

  private void produce(Examples examples, BatchPlan.Cursor cursor, long fromStep) {
    try {
      for (long step = fromStep; step < toStep; step++) {
        Batch slot = free.take();
        slot.step = cursor.next(examples, slot.features, slot.labels);
        ready.put(slot);
      }
    } catch (InterruptedException e) {
      // close() asked the producer to stop; nothing is left to clean up.
    } catch (RuntimeException | Error e) {
      failure = e;
      ready.add(failed);
    }
  }

  /** One global batch: {@link #count()} rows of features and labels, row-major. */
  public static final class Batch {
    private final float[] features;
    private final float[] labels;
    private final int count;
    private long step;

    private Batch(int count, int featureElements, int labelElements) {
      this.count = count;
      this.features = new float[count * featureElements];
      this.labels = new float[count * labelElements];
    }

    /** {@code count() * featureElements} values; owned by the prefetcher, do not keep. */
    public float[] features() {
      return features;
    }

    /** {@code count() * labelElements} values; owned by the prefetcher, do not keep. */
    public float[] labels() {
      return labels;
    }

    public int count() {
      return count;
    }

    /** The global step this batch belongs to. */
    public long step() {
      return step;
    }
  }
}
