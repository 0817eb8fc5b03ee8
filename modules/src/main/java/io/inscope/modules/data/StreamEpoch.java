package io.inscope.modules.data;

import io.inscope.modules.data.internal.ExampleParser;
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
import java.util.function.Supplier;

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
 *
 * <p>Readers hand rows over in {@link Chunk}s of up to {@value #CHUNK} rows and {@value #CHUNK_FLOATS}
 * values (a hand-off per record would cost
 * a lock and often a thread wake-up for each of the tens of thousands of records a second a small
 * model takes); each reader fills its {@value #CHUNKS} chunks in turn, so it runs at most that many
 * chunks ahead of the training side. Rows live in one {@link RowPool} (a few large arrays, allocated
 * once per {@link Buffers} and kept from epoch to epoch: the garbage collector never copies a row)
 * and move by number: the buffer's slots and the chunks hold row numbers; taking a record puts the
 * chunk's row into the buffer's slot and gives the chunk the row just emitted, for its reader to
 * parse a later record into. Nothing is copied but the emitted row, into the batch.
 */
final class StreamEpoch implements AutoCloseable {
  static final int CHUNK = 64;
  /** At most this many values a chunk (1 MiB): rows of decoded images are large, and each reader holds {@value #CHUNKS} chunks. */
  static final int CHUNK_FLOATS = 1 << 18;
  static final int CHUNKS = 4;

  private final TfrecordStream source;
  private final long records;
  private final int capacity;
  private final boolean shuffled;
  private final SplitMix64 random;
  private final int[] rows;
  private final RowPool pool;
  private final Interleave input;
  private final List<BlockingQueue<Chunk>> ready = new ArrayList<>();
  private final List<BlockingQueue<Chunk>> free = new ArrayList<>();
  private final Chunk[] taking;
  private final List<Thread> readers = new ArrayList<>();
  private int head;
  private int live;
  private long out;
  private long consumed;

  /** Rows read by one reader, in its order (row numbers of the pool), and the failure that ended its reading (after those rows), if one did. */
  static final class Chunk {
    final int[] rows;
    int count;
    int next;
    Exception failure;

    Chunk(int rows) {
      this.rows = new int[rows];
    }

    boolean full() {
      return count == rows.length;
    }
  }

  /**
   * Rows of {@code width} floats in a few large arrays, numbered from 0: row {@code r} is {@code
   * page(r)[offset(r) .. offset(r) + width)}. G1 puts an array of half a region or more straight into
   * the old generation, where no young collection copies it; a row array each (tens of thousands of
   * them) was copied there by young collections, one at a time, while the first epochs filled the
   * buffer.
   */
  static final class RowPool {
    private static final int PAGE_FLOATS = 1 << 27;
    private final float[][] pages;
    private final int width;
    private final int rowsPerPage;

    RowPool(long rows, int width) {
      this.width = width;
      this.rowsPerPage = Math.max(1, PAGE_FLOATS / Math.max(1, width));
      int count = Math.toIntExact((rows + rowsPerPage - 1) / rowsPerPage);
      this.pages = new float[count][];
      for (int p = 0; p < count; p++) {
        long inPage = Math.min(rowsPerPage, rows - (long) p * rowsPerPage);
        pages[p] = new float[Math.toIntExact(inPage * width)];
      }
    }

    float[] page(int row) {
      return pages[row / rowsPerPage];
    }

    int offset(int row) {
      return (row % rowsPerPage) * width;
    }
  }

  /**
   * The rows of one epoch at a time: the pool, the buffer's {@code min(shuffle, records)} slots and
   * each reader's chunks, every row of the pool in exactly one of them. Kept from epoch to epoch;
   * an epoch uses it from its opening to its {@link #close()}.
   */
  static final class Buffers {
    final RowPool pool;
    final int[] rows;
    private final Chunk[][] chunks;

    Buffers(TfrecordStream source) {
      int capacity = capacity(source);
      int slots = new Interleave(source.fileOrder(0), source.counts(), source.readers()).slots();
      int width = source.featureWidth() + source.labelWidth();
      int chunkRows = chunkRows(width);
      this.pool = new RowPool(capacity + (long) slots * CHUNKS * chunkRows, width);
      this.rows = new int[capacity];
      for (int r = 0; r < capacity; r++) {
        rows[r] = r;
      }
      int next = capacity;
      this.chunks = new Chunk[slots][CHUNKS];
      for (Chunk[] reader : chunks) {
        for (int c = 0; c < CHUNKS; c++) {
          reader[c] = new Chunk(chunkRows);
          for (int i = 0; i < chunkRows; i++) {
            reader[c].rows[i] = next++;
          }
        }
      }
    }

    /** Reader {@code slot}'s {@value #CHUNKS} chunks. */
    Chunk[] chunks(int slot) {
      return chunks[slot];
    }
  }

  /**
   * @param buffers the rows to use, kept from epoch to epoch; not used by another epoch until this
   *     one is closed
   */
  StreamEpoch(TfrecordStream source, long epoch, long startOut, Buffers buffers) throws DataException, InterruptedException {
    this.source = source;
    this.records = source.size();
    this.capacity = capacity(source);
    this.shuffled = source.shuffle() > 1;
    this.random = SplitMix64.forKeys(source.seed(), BatchPlan.SHUFFLE, epoch);
    this.pool = buffers.pool;
    this.rows = buffers.rows;
    if (rows.length != capacity) {
      throw new IllegalArgumentException(rows.length + " rows for a buffer of " + capacity);
    }
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
    taking = new Chunk[slots];
    try {
      for (int s = 0; s < slots; s++) {
        BlockingQueue<Chunk> done = new ArrayBlockingQueue<>(CHUNKS);
        BlockingQueue<Chunk> empty = new ArrayBlockingQueue<>(CHUNKS);
        for (Chunk c : buffers.chunks(s)) {
          c.count = 0;
          c.next = 0;
          c.failure = null;
          empty.add(c);
        }
        ready.add(done);
        free.add(empty);
        List<Integer> mine = filesBySlot.get(s);
        BitSet wanted = parse[s];
        long skipBefore = prefix[s];
        Thread t = new Thread(() -> read(mine, wanted, skipBefore, done, empty), "inscope-tfrecord-" + s);
        t.setDaemon(true);
        readers.add(t);
        t.start();
      }
      this.input = new Interleave(order, counts, source.readers());
      for (long p = 0; p < consumed; p++) {
        int s = input.next();
        Integer r = slotOf.get(p);
        if (r != null) {
          rows[r] = take(s, rows[r]);
        }
      }
    } catch (DataException | InterruptedException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /** Rows a chunk holds for rows of {@code width} values: {@value #CHUNK}, fewer for large rows, at least 1. */
  static int chunkRows(int width) {
    return Math.max(1, Math.min(CHUNK, CHUNK_FLOATS / Math.max(1, width)));
  }

  /** The buffer's rows: {@code min(shuffle, records)}, at least 1. */
  static int capacity(TfrecordStream source) {
    return (int) Math.max(1, Math.min(Math.max(1, source.shuffle()), source.size()));
  }

  /** Writes the next output example into row {@code row} of {@code features} and {@code labels}. */
  void emit(float[] features, float[] labels, int row) throws DataException, InterruptedException {
    if (out >= records) {
      throw new IllegalStateException("the epoch's " + records + " records are all out");
    }
    int pick = (head + draw()) % capacity;
    int chosen = rows[pick];
    rows[pick] = rows[head];
    int fe = source.featureWidth();
    int le = source.labelWidth();
    float[] page = pool.page(chosen);
    int at = pool.offset(chosen);
    System.arraycopy(page, at, features, row * fe, fe);
    System.arraycopy(page, at + fe, labels, row * le, le);
    // the front slot takes the next input record (the emitted array goes to its chunk); once the
    // input is out the emitted row stays there, dead, out of the live window
    if (consumed < records) {
      rows[head] = take(input.next(), chosen);
      consumed++;
    } else {
      rows[head] = chosen;
      live--;
    }
    head = (head + 1) % capacity;
    out++;
  }

  /** Whether every input record of the epoch is read (into the buffer, or emitted): its readers are done. */
  boolean inputRead() {
    return consumed >= records;
  }

  // As BatchPlan: a pick among the live rows for every output but the last, when shuffling.
  private int draw() {
    return shuffled && out < records - 1 ? random.nextInt(live) : 0;
  }

  /**
   * Reader {@code slot}'s next row, waiting for it, in exchange for {@code row} (a row whose values
   * are no longer needed), which the chunk keeps for a later record; rethrows the reader's failure
   * at its place.
   */
  private int take(int slot, int row) throws DataException, InterruptedException {
    Chunk chunk = taking[slot];
    while (chunk == null || chunk.next == chunk.count) {
      if (chunk != null) {
        if (chunk.failure != null) {
          if (chunk.failure instanceof DataException data) {
            throw data;
          }
          throw new IllegalStateException("reading " + source.where() + " failed", chunk.failure);
        }
        free.get(slot).add(chunk); // never full: the reader holds no more than the chunks it was given
      }
      chunk = ready.get(slot).take();
      chunk.next = 0;
      taking[slot] = chunk;
    }
    int next = chunk.rows[chunk.next];
    chunk.rows[chunk.next++] = row;
    return next;
  }

  private void read(List<Integer> files, BitSet wanted, long skipBefore, BlockingQueue<Chunk> done, BlockingQueue<Chunk> empty) {
    long k = 0;
    TfrecordStream.LabelCheck check = source.labelCheck();
    ExampleParser parser = source.parser();
    int fe = source.featureWidth();
    Origin origin = new Origin();
    Chunk chunk = null;
    try {
      chunk = empty.take();
      chunk.count = 0;
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
            int length = reader.read();
            if (length < 0) {
              throw changed(reader, count, i);
            }
            int row = chunk.rows[chunk.count];
            float[] page = pool.page(row);
            int at = pool.offset(row);
            source.row(reader.data(), length, reader, parser, page, at);
            origin.file = f;
            origin.record = i;
            check.check(page, at + fe, origin);
            chunk.count++;
            if (chunk.full()) {
              done.put(chunk);
              chunk = empty.take();
              chunk.count = 0;
            }
          }
        }
      }
      if (chunk.count > 0) {
        done.put(chunk);
      }
    } catch (InterruptedException e) {
      // close() stops the reader
    } catch (DataException | IOException | RuntimeException e) {
      try {
        if (chunk == null) {
          chunk = empty.take();
          chunk.count = 0;
        }
        chunk.failure = e;
        done.put(chunk);
      } catch (InterruptedException stopped) {
        // close() stops the reader; nobody waits for the failure
      }
    }
  }

  /** The record being checked, its origin made only for a message (one per reader: nothing allocated per record). */
  private final class Origin implements Supplier<String> {
    int file;
    long record;

    @Override
    public String get() {
      return source.origin(file, record);
    }
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
