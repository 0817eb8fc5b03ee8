package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.modules.data.DataException;
import io.inscope.modules.data.DataFiles;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TfRecordReaderTest {
  @TempDir Path dir;

  @Test
  void lengthFieldBeyondTheFileIsAnErrorBeforeAllocating() throws Exception {
    Path file = DataFiles.tfrecord(dir.resolve("a.tfrecord"), new byte[] {1, 2, 3}, new byte[] {4, 5});
    byte[] bytes = Files.readAllBytes(file);
    // record 1 claims 2^31 - 9 bytes, with a length CRC that matches: 2 GiB allocated until now
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(Integer.MAX_VALUE - 9).array();
    System.arraycopy(length, 0, bytes, 19, 8);
    System.arraycopy(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(masked(length)).array(), 0, bytes, 27, 4);
    Files.write(file, bytes);
    try (TfRecordReader reader = new TfRecordReader(file, "tfrecord")) {
      reader.next();
      DataException e = assertThrows(DataException.class, reader::next);
      assertEquals("tfrecord: " + file + ": record 1 (counting from 0) at byte 19: truncated: the record's length field says "
          + "2147483638 data bytes but only 2 follow in the file; the file is damaged or is not a TFRecord file: write it again",
          e.getMessage());
    }
  }

  /** skip() passes records by their headers; count() counts them; a record cut short is an error naming it. */
  @Test
  void skipPassesRecordsAndCountCountsThem() throws Exception {
    Path file = DataFiles.tfrecord(dir.resolve("b.tfrecord"), new byte[] {1, 2, 3}, new byte[] {4, 5}, new byte[] {6});
    assertEquals(3, TfRecordReader.count(file, io.inscope.configs.data.Compression.NONE, "tfrecord"));
    try (TfRecordReader reader = new TfRecordReader(file, "tfrecord")) {
      assertEquals(true, reader.skip());
      assertEquals(true, reader.skip());
      org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {6}, reader.next());
      assertEquals(false, reader.skip());
    }
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length - 3));
    DataException e = assertThrows(DataException.class, () -> TfRecordReader.count(file, io.inscope.configs.data.Compression.NONE, "tfrecord"));
    assertEquals("tfrecord: " + file + ": record 2 (counting from 0) at byte 37: truncated: the record's length field says 1 data bytes"
        + " but only 0 follow in the file; the file is damaged or is not a TFRecord file: write it again", e.getMessage());
  }

  /** read() reuses one buffer: each record's bytes, then -1; a changed data byte fails its CRC as next() fails it. */
  @Test
  void readFillsAReusedBufferAndChecksTheData() throws Exception {
    Path file = DataFiles.tfrecord(dir.resolve("c.tfrecord"), new byte[] {1, 2, 3}, new byte[] {4, 5}, new byte[] {6, 7, 8, 9});
    try (TfRecordReader reader = new TfRecordReader(file, "tfrecord")) {
      assertEquals(3, reader.read());
      org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {1, 2, 3}, java.util.Arrays.copyOf(reader.data(), 3));
      byte[] buffer = reader.data();
      assertEquals(2, reader.read());
      org.junit.jupiter.api.Assertions.assertSame(buffer, reader.data(), "a shorter record reuses the buffer");
      org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {4, 5}, java.util.Arrays.copyOf(reader.data(), 2));
      assertEquals(4, reader.read());
      org.junit.jupiter.api.Assertions.assertArrayEquals(new byte[] {6, 7, 8, 9}, java.util.Arrays.copyOf(reader.data(), 4));
      assertEquals(-1, reader.read());
    }
    byte[] bytes = Files.readAllBytes(file);
    bytes[12 + 1] ^= 1;
    Files.write(file, bytes);
    try (TfRecordReader reader = new TfRecordReader(file, "tfrecord")) {
      DataException e = assertThrows(DataException.class, reader::read);
      assertEquals("tfrecord: " + file + ": record 0 (counting from 0) at byte 0: corrupt data (its CRC32C does not match);"
          + " the file is damaged or is not a TFRecord file: write it again", e.getMessage());
    }
  }

  private static int masked(byte[] bytes) {
    java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }
}
