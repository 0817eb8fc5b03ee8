package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.IdxSpec;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Features read a batch at a time, labels ignored, across the files of a directory. */
class FeatureStreamTest {
  private static final InputSpec TWO = new InputSpec(List.of(2), DType.FLOAT32);
  @TempDir Path dir;

  @Test
  void csvFilesOfADirectoryInNameOrderWithOrWithoutTheLabelColumn() throws Exception {
    Path in = Files.createDirectories(dir.resolve("in"));
    Files.writeString(in.resolve("a.csv"), "y,b,a\ncat,2,1\ndog,4,3\n");
    Files.writeString(in.resolve("b.csv"), "a,b\n5,6\n\n7,8\n9,10\n");
    CsvSpec spec = new CsvSpec("unused.csv", "y", List.of("a", "b"));
    float[] batch = new float[6];
    try (FeatureStream s = FeatureStream.open(spec, TWO, in)) {
      assertEquals(3, s.read(batch, 3));
      assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6}, batch);
      assertEquals(2, s.read(batch, 3));
      assertArrayEquals(new float[] {7, 8, 9, 10}, java.util.Arrays.copyOf(batch, 4));
      assertEquals(0, s.read(batch, 3));
    }
  }

  @Test
  void aNonNumberNamesItsFileAndLine() throws Exception {
    Path f = Files.writeString(dir.resolve("x.csv"), "a,b\n1,2\n3,oops\n");
    try (FeatureStream s = FeatureStream.open(new CsvSpec("unused.csv", "y", null), TWO, f)) {
      DataException e = assertThrows(DataException.class, () -> s.read(new float[10], 5));
      assertTrue(e.getMessage().contains(f + ":3: column 'b': expected a number, got 'oops'"), e.getMessage());
    }
  }

  @Test
  void gzippedIdxExamplesStreamWithoutTheLabelsFile() throws Exception {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    try (DataOutputStream out = new DataOutputStream(new GZIPOutputStream(b))) {
      out.writeInt(0x0803);
      out.writeInt(3);
      out.writeInt(1);
      out.writeInt(2);
      out.write(new byte[] {0, 1, 2, (byte) 255, 4, 5});
    }
    Path f = Files.write(dir.resolve("images.gz"), b.toByteArray());
    float[] batch = new float[4];
    try (FeatureStream s = FeatureStream.open(new IdxSpec("i", "l"), TWO, f)) {
      assertEquals(2, s.read(batch, 2));
      assertArrayEquals(new float[] {0, 1, 2, 255}, batch);
      assertEquals(1, s.read(batch, 2));
      assertEquals(4, batch[0]);
      assertEquals(0, s.read(batch, 2));
    }
  }
}
