package io.inscope.modules.data;

/**
 * The batches of a {@link TfrecordStream} from a global step, one {@link StreamEpoch} at a time.
 * Once an epoch's input is all read (its last {@code shuffle} outputs are drained from the buffer),
 * the next epoch opens on a background thread: its readers fill its buffer while the training side
 * drains this one, so an epoch boundary does not stall the step for a whole buffer's parsing. Two
 * sets of buffer rows alternate between epochs (memory: twice the buffer at a boundary).
 */
final class StreamCursor implements BatchCursor {
  private final TfrecordStream source;
  private final long perEpoch;
  private final int batchSize;
  private final StreamEpoch.Buffers[] bufferSets = new StreamEpoch.Buffers[2];
  private long epoch;
  private long batch;
  private StreamEpoch current;
  private Opening following;

  /** An epoch being opened on its own thread: the epoch or the failure, once the thread has ended. */
  private static final class Opening {
    final Thread thread;
    volatile StreamEpoch epoch;
    volatile Exception failure;

    Opening(TfrecordStream source, long epoch, StreamEpoch.Buffers buffers) {
      thread = new Thread(() -> {
        try {
          this.epoch = new StreamEpoch(source, epoch, 0, buffers);
        } catch (DataException | InterruptedException | RuntimeException e) {
          failure = e;
        }
      }, "inscope-tfrecord-epoch-" + epoch);
      thread.setDaemon(true);
      thread.start();
    }

    StreamEpoch await() throws DataException, InterruptedException {
      thread.join();
      if (failure instanceof DataException data) {
        throw data;
      }
      if (failure instanceof InterruptedException) {
        throw new IllegalStateException("opening the next epoch of the stream was interrupted", failure);
      }
      if (failure != null) {
        throw (RuntimeException) failure;
      }
      return epoch;
    }

    /** Stops the opening and closes the epoch if it was opened. */
    void cancel() {
      thread.interrupt();
      boolean interrupted = false;
      while (thread.isAlive()) {
        try {
          thread.join();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
      if (epoch != null) {
        epoch.close();
      }
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  StreamCursor(TfrecordStream source, long step) {
    this.source = source;
    this.perEpoch = source.stepsPerEpoch();
    this.batchSize = source.batchSize();
    epoch = step / perEpoch;
    batch = step % perEpoch;
  }

  @Override
  public long step() {
    return epoch * perEpoch + batch;
  }

  @Override
  public void next(float[] features, float[] labels, int dstRow) throws DataException, InterruptedException {
    if (current == null) {
      if (following != null) {
        Opening opening = following;
        following = null;
        try {
          current = opening.await();
        } catch (InterruptedException e) {
          opening.cancel();
          throw e;
        }
      } else {
        current = new StreamEpoch(source, epoch, batch * batchSize, buffers(epoch));
      }
    }
    for (int i = 0; i < batchSize; i++) {
      current.emit(features, labels, dstRow + i);
    }
    if (++batch == perEpoch) {
      batch = 0;
      epoch++;
      current.close();
      current = null;
    } else if (following == null && current.inputRead()) {
      following = new Opening(source, epoch + 1, buffers(epoch + 1));
    }
  }

  private StreamEpoch.Buffers buffers(long e) {
    int set = (int) (e & 1);
    if (bufferSets[set] == null) {
      bufferSets[set] = new StreamEpoch.Buffers(source);
    }
    return bufferSets[set];
  }

  @Override
  public void close() {
    if (following != null) {
      following.cancel();
      following = null;
    }
    if (current != null) {
      current.close();
      current = null;
    }
  }
}
