package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.data.IdxSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxSourceTest {
  @TempDir Path dir;

  private static final byte[] PIXELS = {0, 1, 2, (byte) 200, 10, 11, 12, 13, (byte) 255, 127, (byte) 128, 3};

  @Test
  void readsPlainImagesAndGzipLabelsWhateverTheirNames() throws Exception {
    Path images = write("images.gz", false, 0x08, new int[] {3, 2, 2}, PIXELS);
    Path labels = write("labels.idx", true, 0x08, new int[] {3}, new byte[] {7, 0, (byte) 250});

    Examples examples = new IdxSource().load(new IdxSpec(images.toString(), labels.toString()), input(4), 0);

    assertEquals(3, examples.size());
    assertArrayEquals(new long[] {4}, examples.featureShape());
    assertArrayEquals(new long[] {}, examples.labelShape());
    assertArrayEquals(new float[] {0, 1, 2, 200, 10, 11, 12, 13, 255, 127, 128, 3}, features(examples));
    assertArrayEquals(new float[] {7, 0, 250}, labels(examples));
    assertEquals(-1, examples.numClasses());
  }

  @Test
  void readsSignedAndWideTypesBigEndian() throws Exception {
    ByteArrayOutputStream shorts = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(shorts);
    for (short s : new short[] {-2, 300}) {
      out.writeShort(s);
    }
    ByteArrayOutputStream floats = new ByteArrayOutputStream();
    DataOutputStream fout = new DataOutputStream(floats);
    fout.writeFloat(0.5f);
    fout.writeFloat(-1.25f);
    ByteArrayOutputStream doubles = new ByteArrayOutputStream();
    new DataOutputStream(doubles).writeDouble(3.75);
    ByteArrayOutputStream ints = new ByteArrayOutputStream();
    new DataOutputStream(ints).writeInt(-70000);

    Path bytes = write("b", true, 0x09, new int[] {2, 1}, new byte[] {-5, 5});
    Path shortLabels = write("s", false, 0x0B, new int[] {2}, shorts.toByteArray());
    Examples a = new IdxSource().load(new IdxSpec(bytes.toString(), shortLabels.toString()), input(1), 0);
    assertArrayEquals(new float[] {-5, 5}, features(a));
    assertArrayEquals(new float[] {-2, 300}, labels(a));

    Path floatImages = write("f", false, 0x0D, new int[] {1, 2}, floats.toByteArray());
    Path doubleLabels = write("d", false, 0x0E, new int[] {1}, doubles.toByteArray());
    Examples b = new IdxSource().load(new IdxSpec(floatImages.toString(), doubleLabels.toString()), input(2), 0);
    assertArrayEquals(new float[] {0.5f, -1.25f}, features(b));
    assertArrayEquals(new float[] {3.75f}, labels(b));

    Path intImages = write("i", false, 0x0C, new int[] {1, 1}, ints.toByteArray());
    Examples c = new IdxSource().load(new IdxSpec(intImages.toString(), doubleLabels.toString()), input(1), 0);
    assertArrayEquals(new float[] {-70000}, features(c));
  }

  @Test
  void countMismatchNamesBothFiles() throws Exception {
    Path images = write("images", false, 0x08, new int[] {3, 2, 2}, PIXELS);
    Path labels = write("labels", false, 0x08, new int[] {2}, new byte[] {1, 2});
    DataException e = assertThrows(DataException.class, () -> new IdxSource().load(new IdxSpec(images.toString(), labels.toString()), input(4), 0));
    assertEquals("idx: " + labels + " has 2 labels but " + images
        + " has 3 examples; the two files must describe the same examples (same split, same order)", e.getMessage());
  }

  @Test
  void elementCountMismatchSaysWhichShapeFits() throws Exception {
    Path images = write("images", false, 0x08, new int[] {3, 2, 2}, PIXELS);
    Path labels = write("labels", false, 0x08, new int[] {3}, new byte[] {1, 2, 3});
    DataException e = assertThrows(DataException.class, () -> new IdxSource().load(new IdxSpec(images.toString(), labels.toString()), input(5), 0));
    assertEquals("idx.images: " + images + ": examples have shape [2, 2] (4 values) but model.input.shape [5] has 5;"
        + " set model.input.shape to [2, 2] or another shape of 4 values", e.getMessage());
  }

  @Test
  void notAnIdxFileAndTruncatedFileAreReported() throws Exception {
    Path text = dir.resolve("images.txt");
    Files.writeString(text, "hello, world");
    Path labels = write("labels", false, 0x08, new int[] {1}, new byte[] {1});
    DataException notIdx = assertThrows(DataException.class, () -> new IdxSource().load(new IdxSpec(text.toString(), labels.toString()), input(4), 0));
    assertEquals("idx.images", notIdx.where());
    assertEquals(text + ": not an IDX file (header 0x68656c6c", notIdx.detail().substring(0, notIdx.detail().indexOf(';')));

    Path truncated = write("short", true, 0x08, new int[] {3, 2, 2}, new byte[] {1, 2, 3, 4, 5});
    DataException e = assertThrows(DataException.class, () -> new IdxSource().load(new IdxSpec(truncated.toString(), labels.toString()), input(4), 0));
    assertEquals("idx.images: " + truncated + ": truncated: ends after 5 of 12 values (dimensions [3, 2, 2]); download the file again", e.getMessage());
  }

  @Test
  void missingFileSaysSo() {
    Path missing = dir.resolve("nope.gz");
    DataException e = assertThrows(DataException.class, () -> new IdxSource().load(new IdxSpec(missing.toString(), missing.toString()), input(4), 0));
    assertEquals("idx.images: " + missing + ": no such file; check the path (relative paths resolve against the job file's directory)", e.getMessage());
  }

  private Path write(String name, boolean gzip, int type, int[] dims, byte[] data) throws IOException {
    Path path = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(path);
        OutputStream raw = gzip ? new GZIPOutputStream(file) : file;
        DataOutputStream out = new DataOutputStream(raw)) {
      out.writeShort(0);
      out.writeByte(type);
      out.writeByte(dims.length);
      for (int d : dims) {
        out.writeInt(d);
      }
      out.write(data);
    }
    return path;
  }

  static InputSpec input(int... shape) {
    return new InputSpec(java.util.Arrays.stream(shape).boxed().toList(), DType.FLOAT32);
  }

  static float[] features(Examples examples) {
    float[] all = new float[examples.size() * examples.featureElements()];
    examples.slice(0, examples.size(), all, new float[examples.size() * examples.labelElements()]);
    return all;
  }

  static float[] labels(Examples examples) {
    float[] all = new float[examples.size() * examples.labelElements()];
    examples.slice(0, examples.size(), new float[examples.size() * examples.featureElements()], all);
    return all;
  }

  static List<Integer> shape(int... dims) {
    return java.util.Arrays.stream(dims).boxed().toList();
  }
}
