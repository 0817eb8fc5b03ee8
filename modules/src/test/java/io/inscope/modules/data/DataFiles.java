package io.inscope.modules.data;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
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
      byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
      out.write(length);
      out.write(le32(maskedCrc(length)));
      out.write(data);
      out.write(le32(maskedCrc(data)));
    }
    return Files.write(path, out.toByteArray());
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
