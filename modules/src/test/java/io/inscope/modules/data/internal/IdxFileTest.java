package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.data.DataException;
import io.inscope.modules.data.DataFiles;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged and lying IDX files: every one an error naming the file, none trained on or allocated. */
class IdxFileTest {
  private static final byte[] DATA = {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8};

  @TempDir Path dir;

  @Test
  void flippedByteInAGzipFileFailsItsCrc() throws Exception {
    // stored (uncompressed) deflate blocks: the flipped byte still inflates, only the CRC32 tells
    Path file = dir.resolve("labels.gz");
    byte[] gz = gzip(idx(new int[] {12}, DATA), Deflater.NO_COMPRESSION);
    int firstValue = gz.length - 8 - DATA.length;
    gz[firstValue + 4] ^= 0x10;
    Files.write(file, gz);
    DataException e = assertThrows(DataException.class, () -> IdxFile.read(file, "idx.labels"));
    assertEquals("idx.labels: " + file + ": is corrupt: its compressed data fails the integrity check (Corrupt GZIP trailer); "
        + "the file is damaged or truncated, download or write it again", e.getMessage());
  }

  @Test
  void damagedGzipTrailerIsAnErrorAndAnIntactFileReads() throws Exception {
    Path file = dir.resolve("labels.gz");
    byte[] gz = gzip(idx(new int[] {12}, DATA), Deflater.DEFAULT_COMPRESSION);
    Files.write(file, gz);
    assertArrayEquals(new float[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, IdxFile.read(file, "idx.labels").values());
    for (int at : new int[] {gz.length - 8, gz.length - 1}) { // CRC32, then ISIZE
      byte[] bad = gz.clone();
      bad[at] ^= 0x01;
      Files.write(file, bad);
      DataException e = assertThrows(DataException.class, () -> IdxFile.read(file, "idx.labels"));
      assertTrue(e.getMessage().contains(file + ": is corrupt: "), e.getMessage());
    }
    Files.write(file, java.util.Arrays.copyOf(gz, gz.length - 6));
    DataException cut = assertThrows(DataException.class, () -> IdxFile.read(file, "idx.labels"));
    assertTrue(cut.getMessage().contains(file + ": is corrupt: "), cut.getMessage());
  }

  @Test
  void gzipFileOfSeveralMembersReads() throws Exception {
    byte[] whole = idx(new int[] {12}, DATA);
    ByteArrayOutputStream two = new ByteArrayOutputStream();
    two.write(gzip(java.util.Arrays.copyOf(whole, 10), Deflater.DEFAULT_COMPRESSION));
    two.write(gzip(java.util.Arrays.copyOfRange(whole, 10, whole.length), Deflater.DEFAULT_COMPRESSION));
    Path file = Files.write(dir.resolve("two.gz"), two.toByteArray());
    assertArrayEquals(new float[] {3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8}, IdxFile.read(file, "idx.labels").values());
  }

  @Test
  void headerClaimingMoreValuesThanTheFileHoldsIsCaughtBeforeAllocating() throws Exception {
    // 2^30 ubyte values would be a 4 GiB float array
    Path plain = DataFiles.idx(dir.resolve("huge.idx"), false, 0x08, new int[] {1 << 30}, DATA);
    DataException e = assertThrows(DataException.class, () -> IdxFile.read(plain, "idx.images"));
    assertEquals("idx.images: " + plain + ": the header announces 1073741824 values (dimensions [1073741824], 1073741832 "
        + "bytes with the header) but the file has 20 bytes; it is truncated: the file is damaged, download it again",
        e.getMessage());

    Path gz = DataFiles.idx(dir.resolve("huge.gz"), true, 0x08, new int[] {1 << 30}, DATA);
    DataException g = assertThrows(DataException.class, () -> IdxFile.read(gz, "idx.images"));
    assertTrue(g.getMessage().startsWith("idx.images: " + gz + ": the header announces 1073741824 values"), g.getMessage());

    // within deflate's ratio, with a wrong ISIZE: memory follows the data, which ends early
    Path mid = DataFiles.idx(dir.resolve("mid.gz"), true, 0x08, new int[] {40_000}, new byte[30_000]);
    DataException m = assertThrows(DataException.class, () -> IdxFile.read(mid, "idx.images"));
    assertEquals("idx.images: " + mid + ": truncated: ends after 30000 of 40000 values (dimensions [40000]); "
        + "download the file again", m.getMessage());
  }

  @Test
  void bytesAfterTheAnnouncedValuesAreAnError() throws Exception {
    Path plain = DataFiles.idx(dir.resolve("long.idx"), false, 0x08, new int[] {10}, DATA);
    DataException e = assertThrows(DataException.class, () -> IdxFile.read(plain, "idx.labels"));
    assertTrue(e.getMessage().contains("the header announces 10 values (dimensions [10], 18 bytes with the header) but "
        + "the file has 20 bytes; its dimensions do not describe its data"), e.getMessage());
    Path gz = DataFiles.idx(dir.resolve("long.gz"), true, 0x08, new int[] {10}, DATA);
    DataException g = assertThrows(DataException.class, () -> IdxFile.read(gz, "idx.labels"));
    assertEquals("idx.labels: " + gz + ": data after the 10 values that the header announces (dimensions [10]); "
        + "the file is damaged, download it again", g.getMessage());
  }

  private static byte[] idx(int[] dims, byte[] data) throws IOException {
    Path tmp = Files.createTempFile("idx", ".bin");
    try {
      return Files.readAllBytes(DataFiles.idx(tmp, false, 0x08, dims, data));
    } finally {
      Files.delete(tmp);
    }
  }

  private static byte[] gzip(byte[] data, int level) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (GZIPOutputStream out = new GZIPOutputStream(bytes) {
      {
        def.setLevel(level);
      }
    }) {
      out.write(data);
    }
    return bytes.toByteArray();
  }
}
