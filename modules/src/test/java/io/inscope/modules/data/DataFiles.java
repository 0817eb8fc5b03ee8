package io.inscope.modules.data;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.CRC32C;
import java.util.zip.GZIPOutputStream;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/** Writes data files for tests of other packages, independently of the readers under test. */
public final class DataFiles {
  private DataFiles() {}

  /** An IDX file: magic 0x0000, {@code type}, the dimensions, then {@code data} as given. */
  public static Path idx(Path path, boolean gzip, int type, int[] dims, byte[] data) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeShort(0);
    out.writeByte(type);
    out.writeByte(dims.length);
    for (int d : dims) {
      out.writeInt(d);
    }
    out.write(data);
    if (gzip) {
      try (OutputStream z = new GZIPOutputStream(Files.newOutputStream(path))) {
        z.write(bytes.toByteArray());
      }
    } else {
      Files.write(path, bytes.toByteArray());
    }
    return path;
  }

  /** A TFRecord file of the given records, framed as TensorFlow writes them. */
  public static Path tfrecord(Path path, byte[]... records) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] data : records) {
      record(out, data);
    }
    return Files.write(path, out.toByteArray());
  }

  /**
   * A TFRecord file (gzip-compressed as a whole when {@code gzip}) of {@code n} tf.Examples numbered
   * from {@code first}: {@code x = [id, id / 4, -id]}, {@code label = id % 5}.
   */
  static Path numberedTriples(Path path, int first, int n, boolean gzip) throws IOException {
    byte[][] records = new byte[n][];
    for (int i = 0; i < n; i++) {
      int id = first + i;
      records[i] = example(new float[] {id, id * 0.25f, -id}, id % 5);
    }
    Path plain = tfrecord(gzip ? path.resolveSibling(path.getFileName() + ".raw") : path, records);
    if (!gzip) {
      return plain;
    }
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(path))) {
      out.write(Files.readAllBytes(plain));
    }
    Files.delete(plain);
    return path;
  }

  /** Writes one record framed as TensorFlow writes it (length, its masked CRC32C, data, its masked CRC32C); returns the bytes written. */
  static long record(OutputStream out, byte[] data) throws IOException {
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    out.write(length);
    out.write(le32(maskedCrc(length)));
    out.write(data);
    out.write(le32(maskedCrc(data)));
    return 16L + data.length;
  }

  /**
   * A TFRecord file of {@code n} tf.Examples numbered from {@code first}: float feature {@code x} of
   * {@code width} values, the first the example's number and value {@code j} {@code (j * mul + i) %
   * mod}, and int64 {@code label} (the number mod 10); returns the bytes written.
   */
  static long numbered(Path file, int width, int first, int n, int mul, int mod) throws IOException {
    long bytes = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
      float[] x = new float[width];
      for (int i = 0; i < n; i++) {
        x[0] = first + i;
        for (int j = 1; j < width; j++) {
          x[j] = (j * mul + i) % mod;
        }
        bytes += record(out, example(x, (first + i) % 10));
      }
    }
    return bytes;
  }

  /** This process's peak resident memory (VmHWM of /proc/self/status) in KiB, -1 where there is none. */
  static long peakResidentKib() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    }
    return -1;
  }

  /** A tf.Example with float feature {@code x} and int64 feature {@code label}. */
  public static byte[] example(float[] x, long... label) {
    FloatList.Builder xs = FloatList.newBuilder();
    for (float v : x) {
      xs.addValue(v);
    }
    Int64List.Builder ys = Int64List.newBuilder();
    Arrays.stream(label).forEach(ys::addValue);
    return Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("x", Feature.newBuilder().setFloatList(xs).build())
        .putFeature("label", Feature.newBuilder().setInt64List(ys).build())).build().toByteArray();
  }

  public static InputSpec input(int... shape) {
    return new InputSpec(Arrays.stream(shape).boxed().toList(), DType.FLOAT32);
  }

  static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }

  static byte[] le32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
