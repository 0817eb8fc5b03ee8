package io.inscope.modules.data.internal;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.stream.IntStream;

/**
 * Decodes and resizes many images on every core into one float array, image {@code i} at {@code i ×
 * height × width × channels}: {@link ImageDecoder} then {@link BilinearResize}, values in [0, 255].
 * The result does not depend on the thread timing; when images fail, the failure of the lowest
 * index is reported.
 */
public final class ParallelImages {
  /** The encoded bytes of image {@code i}. */
  @FunctionalInterface
  public interface Source {
    byte[] bytes(int i) throws IOException;
  }

  /** Image {@code i} failed: {@code message} says why. */
  public static final class Failure extends Exception {
    private final int index;
    private final IOException unreadable;

    Failure(int index, String message, Throwable cause, IOException unreadable) {
      super(message, cause);
      this.index = index;
      this.unreadable = unreadable;
    }

    public int index() {
      return index;
    }

    /** The error reading the bytes, or null when they were read but do not decode. */
    public IOException unreadable() {
      return unreadable;
    }
  }

  // one decoder per thread, kept across calls: a streamed split decodes a batch at a time
  private static final ThreadLocal<ImageDecoder> DECODERS = ThreadLocal.withInitial(ImageDecoder::new);

  private ParallelImages() {}

  public static float[] decode(int count, Source source, int channels, int height, int width) throws Failure {
    int size = height * width * channels;
    if ((long) count * size > Integer.MAX_VALUE - 8) {
      throw new Failure(0, count + " images of " + height + "x" + width + "x" + channels + " are more values than one array holds (2^31)", null, null);
    }
    float[] out = new float[count * size];
    decodeInto(count, source, channels, height, width, out, 0);
    return out;
  }

  /**
   * As {@link #decode} into {@code out}, image {@code i} at {@code offset + i × height × width ×
   * channels}: a streamed split decodes one batch at a time this way.
   */
  public static void decodeInto(int count, Source source, int channels, int height, int width, float[] out, int offset)
      throws Failure {
    int size = height * width * channels;
    AtomicReferenceArray<Failure> failures = new AtomicReferenceArray<>(1);
    AtomicInteger firstFailed = new AtomicInteger(Integer.MAX_VALUE);
    // chunks of up to 64 images, smaller for a batch so that its images spread over the cores too
    int chunk = Math.max(1, Math.min(64, count / (2 * Runtime.getRuntime().availableProcessors())));
    IntStream.range(0, (count + chunk - 1) / chunk).parallel().forEach(c -> {
      ImageDecoder decoder = DECODERS.get();
      for (int i = c * chunk; i < Math.min(count, (c + 1) * chunk) && i < firstFailed.get(); i++) {
        byte[] bytes;
        try {
          bytes = source.bytes(i);
        } catch (IOException e) {
          record(failures, firstFailed, new Failure(i, e.getMessage(), e, e));
          continue;
        }
        try {
          if (bytes.length == 0) {
            throw new IOException("the file is empty");
          }
          ImageDecoder.Pixels p = decoder.decode(bytes, channels);
          BilinearResize.resize(p.data(), p.height(), p.width(), channels, height, width, out, offset + i * size);
        } catch (IOException | RuntimeException e) {
          record(failures, firstFailed, new Failure(i, e.getMessage(), e, null));
        }
      }
    });
    Failure failure = failures.get(0);
    if (failure != null) {
      throw failure;
    }
  }

  private static void record(AtomicReferenceArray<Failure> failures, AtomicInteger firstFailed, Failure failure) {
    synchronized (failures) {
      if (failure.index() < firstFailed.get()) {
        firstFailed.set(failure.index());
        failures.set(0, failure);
      }
    }
  }
}
