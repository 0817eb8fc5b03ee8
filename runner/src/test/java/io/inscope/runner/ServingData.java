package io.inscope.runner;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Small learnable datasets written as CSV (string labels, or a numeric target), IDX and TFRecord
 * files, and job files that train on them: four features in [-1, 1]; three classes, the argmax of a
 * fixed linear map (or its first row, for regression).
 */
final class ServingData {
  static final List<String> CLASSES = List.of("alpha", "beta", "gamma");
  private static final float[][] W = {{1, -1, 0.5f, 0}, {-0.5f, 1, 1, -1}, {0, 0.5f, -1, 1}};

  final float[][] x;
  final int[] label;

  ServingData(int n, long seed) {
    Random r = new Random(seed);
    x = new float[n][4];
    label = new int[n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < 4; j++) {
        x[i][j] = Math.round((r.nextFloat() * 2 - 1) * 1000) / 1000f;
      }
      int best = 0;
      for (int c = 1; c < 3; c++) {
        best = dot(c, x[i]) > dot(best, x[i]) ? c : best;
      }
      label[i] = best;
    }
  }

  float target(int i) {
    return dot(0, x[i]);
  }

  private static float dot(int c, float[] v) {
    float s = 0;
    for (int j = 0; j < 4; j++) {
      s += W[c][j] * v[j];
    }
    return s;
  }

  /** {@code f0..f3,kind} with the class names; {@code only} keeps the examples of these class ids (all when empty). */
  Path csv(Path file, int... only) throws IOException {
    StringBuilder s = new StringBuilder("f0,f1,f2,f3,kind\n");
    for (int i = 0; i < x.length; i++) {
      final int l = label[i];
      if (only.length == 0 || java.util.Arrays.stream(only).anyMatch(o -> o == l)) {
        s.append(row(i)).append(',').append(CLASSES.get(l)).append('\n');
      }
    }
    return Files.writeString(file, s.toString());
  }

  /** {@code f0..f3} only: what a user predicts on. */
  Path csvFeatures(Path file) throws IOException {
    StringBuilder s = new StringBuilder("f0,f1,f2,f3\n");
    for (int i = 0; i < x.length; i++) {
      s.append(row(i)).append('\n');
    }
    return Files.writeString(file, s.toString());
  }

  /** {@code f0..f3,y} with the regression target. */
  Path csvRegression(Path file) throws IOException {
    StringBuilder s = new StringBuilder("f0,f1,f2,f3,y\n");
    for (int i = 0; i < x.length; i++) {
      s.append(row(i)).append(',').append(target(i)).append('\n');
    }
    return Files.writeString(file, s.toString());
  }

  private String row(int i) {
    return x[i][0] + "," + x[i][1] + "," + x[i][2] + "," + x[i][3];
  }

  /** IDX float32 examples {@code [n, 4]}. */
  Path idxImages(Path file) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x0D02);
    out.writeInt(x.length);
    out.writeInt(4);
    for (float[] row : x) {
      for (float v : row) {
        out.writeFloat(v);
      }
    }
    return Files.write(file, b.toByteArray());
  }

  /** IDX ubyte labels {@code [n]}. */
  Path idxLabels(Path file) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(b);
    out.writeInt(0x0801);
    out.writeInt(x.length);
    for (int l : label) {
      out.writeByte(l);
    }
    return Files.write(file, b.toByteArray());
  }

  /** tf.Example records with {@code x} (float [4]) and {@code y} (int64), TFRecord framing written here. */
  Path tfrecord(Path file) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (int i = 0; i < x.length; i++) {
      FloatList.Builder f = FloatList.newBuilder();
      for (float v : x[i]) {
        f.addValue(v);
      }
      byte[] data = Example.newBuilder().setFeatures(Features.newBuilder()
          .putFeature("x", Feature.newBuilder().setFloatList(f).build())
          .putFeature("y", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(label[i])).build()))
          .build().toByteArray();
      byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
      out.write(length);
      out.write(le32(maskedCrc(length)));
      out.write(data);
      out.write(le32(maskedCrc(data)));
    }
    return Files.write(file, out.toByteArray());
  }

  private static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }

  private static byte[] le32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }

  /**
   * Writes {@code n} grayscale 4x4 PNG images per class into {@code dir/<class>/}: class c is a
   * bright band in row c over a dark, noisy background. Returns the labels in the order the
   * image_folder source lists them (class by class, then by file name).
   */
  static int[] pngs(Path dir, int n, long seed) throws IOException {
    Random r = new Random(seed);
    int[] labels = new int[n * CLASSES.size()];
    for (int c = 0; c < CLASSES.size(); c++) {
      Path classDir = Files.createDirectories(dir.resolve(CLASSES.get(c)));
      for (int i = 0; i < n; i++) {
        java.awt.image.BufferedImage img = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < 4; y++) {
          for (int x = 0; x < 4; x++) {
            int v = (y == c ? 200 : 30) + r.nextInt(40);
            img.getRaster().setSample(x, y, 0, v);
          }
        }
        javax.imageio.ImageIO.write(img, "png", classDir.resolve(String.format("img%03d.png", i)).toFile());
        labels[c * n + i] = c;
      }
    }
    return labels;
  }

  /** A job training a 4-16-3 MLP on {@code train} and evaluating on {@code eval} (YAML source bodies). */
  static Path job(Path dir, String name, String train, String eval, String loss, int units) throws IOException {
    return job(dir, name, train, eval, loss, units, "[4]");
  }

  /** As above, for examples of {@code shape} (flattened first when it has several axes). */
  static Path job(Path dir, String name, String train, String eval, String loss, int units, String shape) throws IOException {
    String yaml = """
        version: 1
        name: %s
        seed: 3
        model:
          input: {shape: %s}
          layers:
            - flatten: {}
            - dense: {units: 16, activation: relu}
            - dense: {units: %d}
        loss: %s
        metrics: %s
        optimizer: {adam: {learning_rate: 0.02}}
        data:
          train: {%s, shuffle: 200, batch_size: 20}
          eval: {%s, batch_size: 16}
        train: {epochs: 8, log_every_steps: 1000, eval_every: epoch}
        checkpoint: {every: epoch, keep: 2}
        export: {saved_model: true}
        """.formatted(name, shape, units, loss, units == 1 ? "[]" : "[accuracy]", train, eval);
    return Files.writeString(dir.resolve(name + ".yaml"), yaml);
  }
}
