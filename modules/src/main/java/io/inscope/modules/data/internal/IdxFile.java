package io.inscope.modules.data.internal;

import io.inscope.modules.data.DataException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;

/**
 * One IDX file (the MNIST format), its values widened to float. Layout: two zero bytes, a type
 * byte (0x08 ubyte, 0x09 byte, 0x0B short, 0x0C int, 0x0D float, 0x0E double), a dimension count,
 * that many big-endian int32 sizes, then the values, big-endian. Gzip is detected by its magic
 * bytes, whatever the file name.
 *
 * @param dims the sizes; {@code dims[0]} counts examples
 */
public record IdxFile(int[] dims, float[] values) {
  /** Deflate expands at most 1032:1 (RFC 1951: 258 bytes from a 2-bit code, amortized). */
  private static final long MAX_DEFLATE_RATIO = 1032;

  /** The shape of one example: the dimensions after the first. */
  public long[] exampleShape() {
    return Arrays.stream(dims, 1, dims.length).asLongStream().toArray();
  }

  public int count() {
    return dims[0];
  }

  /**
   * Reads {@code path}; errors carry {@code where} and the path. Before allocating, the header's
   * dimensions are checked against the file: an uncompressed file must hold exactly the header and
   * the values it announces; a gzip file's trailer (ISIZE: the uncompressed size modulo 2^32) sizes
   * the allocation, and the values are read into memory only as the data really holds them. The
   * stream is read to its end, so that gzip's CRC32 and length are verified and no byte is left
   * unread.
   */
  public static IdxFile read(Path path, String where) throws DataException {
    Trailer file = trailer(path, where);
    try (InputStream in = SourceFiles.open(path, where, true)) {
      return read(new DataInputStream(in), path, where, file);
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  /** The file's size, and for a gzip file its ISIZE field (-1 otherwise). */
  private record Trailer(long size, long isize) {
    boolean gzip() {
      return isize >= 0;
    }
  }

  private static Trailer trailer(Path path, String where) throws DataException {
    if (Files.isDirectory(path)) {
      return new Trailer(0, -1); // SourceFiles.open names the problem
    }
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      ByteBuffer head = ByteBuffer.allocate(2);
      ch.read(head, 0);
      boolean gzip = head.position() == 2 && (head.get(0) & 0xff) == 0x1f && (head.get(1) & 0xff) == 0x8b;
      if (!gzip || size < 18) {
        return new Trailer(size, gzip ? 0 : -1);
      }
      ByteBuffer tail = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
      ch.read(tail, size - 4);
      return new Trailer(size, tail.getInt(0) & 0xffffffffL);
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  private static IdxFile read(DataInputStream in, Path path, String where, Trailer file) throws IOException, DataException {
    int magic;
    try {
      magic = in.readInt();
    } catch (java.io.EOFException e) {
      throw new DataException(where, path + ": too short for an IDX header; is it an IDX file?");
    }
    int type = (magic >>> 8) & 0xff;
    int rank = magic & 0xff;
    int width = width(type);
    if ((magic >>> 16) != 0 || width == 0 || rank == 0) {
      throw new DataException(where, path + ": not an IDX file (header 0x" + String.format("%08x", magic)
          + "; expected 0x0000, a type byte 08 ubyte, 09 byte, 0B short, 0C int, 0D float or 0E double, and a dimension count > 0)");
    }
    int[] dims = new int[rank];
    long total = 1;
    for (int i = 0; i < rank; i++) {
      try {
        dims[i] = in.readInt();
      } catch (java.io.EOFException e) {
        throw new DataException(where, path + ": truncated: ends inside the header, at dimension " + i + " of " + rank
            + "; download the file again");
      }
      total *= Math.max(0, dims[i]);
      if (dims[i] < 0 || total > Integer.MAX_VALUE - 8) {
        throw new DataException(where, path + ": dimension " + i + " is " + Integer.toUnsignedString(dims[i])
            + "; at most 2^31 values per file are supported");
      }
    }
    long header = 4 + 4L * rank;
    long needed = header + total * width;
    if (!file.gzip() && needed != file.size()) {
      throw new DataException(where, path + ": the header announces " + total + " values (dimensions " + Arrays.toString(dims)
          + ", " + needed + " bytes with the header) but the file has " + file.size() + " bytes; "
          + (needed > file.size() ? "it is truncated" : "its dimensions do not describe its data")
          + ": the file is damaged, download it again");
    }
    if (file.gzip() && needed > MAX_DEFLATE_RATIO * file.size()) {
      throw new DataException(where, path + ": the header announces " + total + " values (dimensions " + Arrays.toString(dims)
          + ", " + needed + " bytes) but a gzip file of " + file.size() + " bytes holds at most " + MAX_DEFLATE_RATIO * file.size()
          + "; the file is damaged, download it again");
    }
    // a gzip file whose ISIZE agrees is allocated at once; otherwise memory follows the data read
    int capacity = (int) (file.gzip() && (needed & 0xffffffffL) == file.isize() ? total : Math.min(total, 1 << 20));
    float[] values = new float[capacity];
    byte[] chunk = new byte[width * 8192];
    ByteBuffer buffer = ByteBuffer.wrap(chunk);
    int done = 0;
    while (done < total) {
      int want = (int) Math.min(chunk.length, (total - done) * width);
      int got = in.readNBytes(chunk, 0, want);
      if (got < want) {
        throw new DataException(where, path + ": truncated: ends after " + (done + got / width) + " of "
            + total + " values (dimensions " + Arrays.toString(dims) + "); download the file again");
      }
      if (done + want / width > values.length) {
        values = Arrays.copyOf(values, (int) Math.min(total, 2L * values.length));
      }
      buffer.clear();
      for (int end = done + want / width; done < end; done++) {
        values[done] = switch (type) {
          case 0x08 -> buffer.get() & 0xff;
          case 0x09 -> buffer.get();
          case 0x0B -> buffer.getShort();
          case 0x0C -> buffer.getInt();
          case 0x0D -> buffer.getFloat();
          default -> (float) buffer.getDouble();
        };
      }
    }
    // reading to the end makes GZIPInputStream check the CRC32 and length in the trailer
    if (in.read() != -1) {
      throw new DataException(where, path + ": data after the " + total + " values that the header announces (dimensions "
          + Arrays.toString(dims) + "); the file is damaged, download it again");
    }
    return new IdxFile(dims, values);
  }

  private static int width(int type) {
    return switch (type) {
      case 0x08, 0x09 -> 1;
      case 0x0B -> 2;
      case 0x0C, 0x0D -> 4;
      case 0x0E -> 8;
      default -> 0;
    };
  }
}
