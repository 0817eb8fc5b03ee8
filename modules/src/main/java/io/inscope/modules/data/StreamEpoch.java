package io.inscope.modules.data;

import io.inscope.modules.data.internal.Interleave;
import io.inscope.modules.data.internal.SplitMix64;
import io.inscope.modules.data.internal.TfRecordReader;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * One epoch of a {@link TfrecordStream} from an output position: reader threads (one per open
 * file) and the shuffle buffer. The buffer is a ring of {@code min(shuffle, records)} rows; each
 * output picks a uniformly random row of the {@code live} ones, emits it and refills its slot from
 * the input, with the ring arithmetic of {@link BatchPlan}'s window (the picked row is swapped to
 * the window's front), so picks and outputs are those of {@link BatchPlan} over the same input
 * order.
 *
 * <p>Opening at output {@code p > 0} replays the first {@code p} picks over record positions
 * (no data), then reads the epoch's input up to the last record the buffer holds, parsing only the
 * records it holds.
 */
final class StreamEpoch implements AutoCloseable {
  private static final int QUEUE = 64;

  private final TfrecordStream source;
  private final long records;
  private final int capacity;
  private final boolean shuffled;
  private final SplitMix64 random;
  private final float[][] rows;
  private final Interleave input;
  private final List<BlockingQueue<Object>> queues = new ArrayList<>();
  private final List<Thread> readers = new ArrayList<>();
  // Row arrays are recycled: a row waits in the buffer long enough to outlive young collections, so
  // a fresh array per record would fill the old generation with dead rows until a full marking cycle.
  private final BlockingQueue<float[]> pool;
  private final java.util.concurrent.atomic.AtomicInteger allocated = new java.util.concurrent.atomic.AtomicInteger();
  private final int poolSize;
  private int head;
  private int live;
  private long out;
  private long consumed;

  /** A reader's failure, passed through its queue to the training side. */
  private record Failure(Exception error) {}

  StreamEpoch(TfrecordStream source, long epoch, long startOut) throws DataException, InterruptedException {
    this.source = source;
    this.records = source.size();
    int buffer = Math.max(1, source.shuffle());
    this.capacity = (int) Math.max(1, Math.min(buffer, records));
    this.shuffled = source.shuffle() > 1;
    this.random = SplitMix64.forKeys(source.seed(), BatchPlan.SHUFFLE, epoch);
    this.rows = new float[capacity][];
    int[] order = source.fileOrder(epoch);
    long[] counts = source.counts();

    // the buffer's record positions after startOut outputs, from the picks alone
    long[] positions = new long[capacity];
    live = (int) Math.min(capacity, records);
    consumed = live;
    for (int i = 0; i < live; i++) {
      positions[i] = i;
    }
    for (out = 0; out < startOut; out++) {
      int pick = (head + draw()) % capacity;
      long swap = positions[head];
      positions[head] = positions[pick];
      positions[pick] = swap;
      if (consumed < records) {
        positions[head] = consumed++;
      } else {
        live--;
      }
      head = (head + 1) % capacity;
    }
    Map<Long, Integer> slotOf = new HashMap<>();
    for (int w = 0; w < live; w++) {
      int r = (head + w) % capacity;
      slotOf.put(positions[r], r);
    }

    // what each reader parses among the records before `consumed`: only those in the buffer
    Interleave plan = new Interleave(order, counts, source.readers());
    int slots = plan.slots();
    BitSet[] parse = new BitSet[slots];
    long[] prefix = new long[slots];
    for (int s = 0; s < slots; s++) {
      parse[s] = new BitSet();
    }
    for (long p = 0; p < consumed; p++) {
      int s = plan.next();
      if (slotOf.containsKey(p)) {
        parse[s].set(Math.toIntExact(prefix[s]));
      }
      prefix[s]++;
    }
    List<List<Integer>> filesBySlot = plan.filesBySlot();
    // enough arrays that a reader never waits for one while the training side waits for its row
    poolSize = capacity + slots * (QUEUE + 1);
    pool = new ArrayBlockingQueue<>(poolSize);
    try {
      for (int s = 0; s < slots; s++) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(QUEUE);
        queues.add(queue);
        List<Integer> mine = filesBySlot.get(s);
        BitSet wanted = parse[s];
        long skipBefore = prefix[s];
        Thread t = new Thread(() -> read(mine, wanted, skipBefore, queue), "inscope-tfrecord-" + s);
        t.setDaemon(true);
        readers.add(t);
        t.start();
      }
      this.input = new Interleave(order, counts, source.readers());
      for (long p = 0; p < consumed; p++) {
        int s = input.next();
        Integer r = slotOf.get(p);
        if (r != null) {
          rows[r] = take(s);
        }
      }
    } catch (DataException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Writes the next output example into row {@code row} of {@code features} and {@code labels}. */
  void emit(float[] features, float[] labels, int row) throws DataException, InterruptedException {
    if (out >= records) {
      throw new IllegalStateException("the epoch's " + records + " records are all out");
    }
    int pick = (head + draw()) % capacity;
    float[] chosen = rows[pick];
    rows[pick] = rows[head];
    int fe = source.featureWidth();
    int le = source.labelWidth();
    System.arraycopy(chosen, 0, features, row * fe, fe);
    System.arraycopy(chosen, fe, labels, row * le, le);
    pool.offer(chosen);
    if (consumed < records) {
      rows[head] = take(input.next());
      consumed++;
    } else {
      rows[head] = null;
      live--;
    }
    head = (head + 1) % capacity;
    out++;
  }

  // As BatchPlan: a pick among the live rows for every output but the last, when shuffling.
  private int draw() {
    return shuffled && out < records - 1 ? random.nextInt(live) : 0;
  }

  private float[] take(int slot) throws DataException, InterruptedException {
    Object next = queues.get(slot).take();
    if (next instanceof Failure failure) {
      queues.get(slot).add(failure); // the queue was just emptied of this element: room for it
      if (failure.error() instanceof DataException data) {
        throw data;
      }
      throw new IllegalStateException("reading " + source.where() + " failed", failure.error());
    }
    return (float[]) next;
  }

  private void read(List<Integer> files, BitSet wanted, long skipBefore, BlockingQueue<Object> queue) {
    long k = 0;
    TfrecordStream.LabelCheck check = source.labelCheck();
    try {
      for (int f : files) {
        try (TfRecordReader reader = source.reader(f)) {
          long count = source.counts()[f];
          for (long i = 0; i < count; i++, k++) {
            if (k < skipBefore && !wanted.get((int) k)) {
              if (!reader.skip()) {
                throw changed(reader, count, i);
              }
              continue;
            }
            byte[] record = reader.next();
            if (record == null) {
              throw changed(reader, count, i);
            }
            float[] row = source.row(record, reader, array());
            check.check(row, source.featureWidth(), source.origin(f, i));
            queue.put(row);
          }
        }
      }
    } catch (InterruptedException e) {
      // close() stops the reader
    } catch (DataException | IOException | RuntimeException e) {
      try {
        queue.put(new Failure(e));
      } catch (InterruptedException stopped) {
        // close() stops the reader; nobody waits for the failure
      }
    }
  }

  /** A row array for a reader: a recycled one, a new one while fewer than the pool's size exist, else the next one freed. */
  private float[] array() throws InterruptedException {
    float[] a = pool.poll();
    if (a != null) {
      return a;
    }
    if (allocated.incrementAndGet() <= poolSize) {
      return new float[source.featureWidth() + source.labelWidth()];
    }
    return pool.take();
  }

  private static DataException changed(TfRecordReader reader, long count, long got) {
    return reader.error("the file ends after " + got + " records but held " + count
        + " when the run began; a file must not change while a run reads it: restore it, or start over with --fresh");
  }

  /** Stops the readers and waits for them to end; idempotent. */
  @Override
  public void close() {
    for (Thread t : readers) {
      t.interrupt();
    }
    boolean interrupted = false;
    for (Thread t : readers) {
      while (t.isAlive()) {
        try {
          t.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
