package io.inscope.modules.data.internal;

import io.inscope.configs.data.Compression;
import io.inscope.modules.data.DataException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * Reads the records of one TFRecord file. Each record is framed as TensorFlow writes it: the data
 * length as a little-endian uint64, a masked CRC32C of those 8 bytes (uint32 LE), the data, and a
 * masked CRC32C of the data. Both checksums are verified; a mismatch or a short read is reported
 * with the file, the record index (counting from 0) and its byte offset.
 */
public final class TfRecordReader implements Closeable {
  private static final int MASK_DELTA = 0xa282ead8;
  private static final VarHandle LE_LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final VarHandle LE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);

  private final InputStream in;
  private final Path path;
  private final String where;
  private final byte[] header = new byte[12];
  private final byte[] footer = new byte[4];
  private final CRC32C crc = new CRC32C();
  private byte[] data = new byte[0];
  /** The file's size when uncompressed (record lengths are checked against it), else -1. */
  private final long size;
  private int count;
  private long position;
  private int current;
  private long currentOffset;

  public TfRecordReader(Path path, String where) throws DataException {
    this(path, Compression.NONE, where);
  }

  /** Reads a file compressed as a whole (byte offsets in errors count decompressed bytes); see {@link CompressedStreams}. */
  public TfRecordReader(Path path, Compression compression, String where) throws DataException {
    this.in = CompressedStreams.open(path, compression, where);
    this.path = path;
    this.where = where;
    this.size = compression == Compression.NONE ? sizeOf(path, where) : -1;
  }

  private static long sizeOf(Path path, String where) throws DataException {
    try {
      return Files.size(path);
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  /** The next record's data, or null after the last record. */
  public byte[] next() throws DataException {
    try {
      long length = header();
      if (length < 0) {
        return null;
      }
      byte[] data = new byte[(int) length];
      if (in.readNBytes(data, 0, data.length) < data.length || in.readNBytes(footer, 0, 4) < 4) {
        throw corrupt("truncated: the file ends inside the record's " + length + " data bytes");
      }
      if ((int) LE_INT.get(footer, 0) != masked(data, 0, data.length)) {
        throw corrupt("corrupt data (its CRC32C does not match)");
      }
      count++;
      position += header.length + data.length + footer.length;
      return data;
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  /**
   * Reads the next record's data into a buffer this reader reuses ({@link #data()}, valid until the
   * next read), checked as {@link #next()} checks it: no allocation per record once the buffer has
   * grown to the largest record.
   *
   * @return the record's length, or -1 after the last record
   */
  public int read() throws DataException {
    try {
      long length = header();
      if (length < 0) {
        return -1;
      }
      int n = (int) length;
      if (data.length < n) {
        data = new byte[n];
      }
      if (in.readNBytes(data, 0, n) < n || in.readNBytes(footer, 0, 4) < 4) {
        throw corrupt("truncated: the file ends inside the record's " + length + " data bytes");
      }
      if ((int) LE_INT.get(footer, 0) != masked(data, 0, n)) {
        throw corrupt("corrupt data (its CRC32C does not match)");
      }
      count++;
      position += header.length + n + footer.length;
      return n;
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  /** The buffer of the record last {@link #read()}: its first bytes, as many as read returned. */
  public byte[] data() {
    return data;
  }

  /**
   * Passes over the next record without reading its data into memory or checking the data's CRC
   * (its length header is checked): counting records, or skipping to a position. An uncompressed
   * file seeks over the data.
   *
   * @return false after the last record
   */
  public boolean skip() throws DataException {
    try {
      long length = header();
      if (length < 0) {
        return false;
      }
      try {
        in.skipNBytes(length + footer.length);
      } catch (java.io.EOFException e) {
        throw corrupt("truncated: the file ends inside the record's " + length + " data bytes");
      }
      count++;
      position += header.length + length + footer.length;
      return true;
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  /** Reads and checks the next length header: the data length, or -1 at the end of the file. */
  private long header() throws IOException, DataException {
    current = count;
    currentOffset = position;
    int got = in.readNBytes(header, 0, header.length);
    if (got == 0) {
      return -1;
    }
    if (got < header.length) {
      throw corrupt("truncated: the file ends inside the record's length header");
    }
    long length = (long) LE_LONG.get(header, 0);
    if ((int) LE_INT.get(header, 8) != masked(header, 0, 8)) {
      throw corrupt("corrupt length (its CRC32C does not match)");
    }
    if (length < 0 || length > Integer.MAX_VALUE - 8) {
      throw corrupt("record length " + Long.toUnsignedString(length) + " is over the 2 GiB supported");
    }
    // a length field that the CRC covers can still be crafted: allocate only what the file can hold
    if (size >= 0 && length > size - position - header.length - footer.length) {
      throw corrupt("truncated: the record's length field says " + length + " data bytes but only "
          + Math.max(0, size - position - header.length - footer.length) + " follow in the file");
    }
    return length;
  }

  /** Counts the records of a file by their length headers (see {@link #skip()}). */
  public static long count(Path path, Compression compression, String where) throws DataException {
    try (TfRecordReader reader = new TfRecordReader(path, compression, where)) {
      long n = 0;
      while (reader.skip()) {
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new DataException(where, path + ": cannot be closed: " + e.getMessage());
    }
  }

  /** An error about the record last returned (or being read): file, record index from 0, byte offset. */
  public DataException error(String what) {
    return new DataException(where, path + ": record " + current + " (counting from 0) at byte " + currentOffset + ": " + what);
  }

  private DataException corrupt(String what) {
    return error(what + "; the file is damaged or is not a TFRecord file: write it again");
  }

  @Override
  public void close() throws IOException {
    in.close();
  }

  private int masked(byte[] bytes, int from, int length) {
    crc.reset();
    crc.update(bytes, from, length);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + MASK_DELTA;
  }
}
