package io.inscope.modules.data.internal;

import io.inscope.modules.data.DataException;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
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

  /** The shape of one example: the dimensions after the first. */
  public long[] exampleShape() {
    return Arrays.stream(dims, 1, dims.length).asLongStream().toArray();
  }

  public int count() {
    return dims[0];
  }

  /** Reads {@code path}; errors carry {@code where} and the path. */
  public static IdxFile read(Path path, String where) throws DataException {
    try (InputStream in = SourceFiles.open(path, where, true)) {
      return read(new DataInputStream(in), path, where);
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  private static IdxFile read(DataInputStream in, Path path, String where) throws IOException, DataException {
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
      dims[i] = in.readInt();
      total *= Math.max(0, dims[i]);
      if (dims[i] < 0 || total > Integer.MAX_VALUE - 8) {
        throw new DataException(where, path + ": dimension " + i + " is " + Integer.toUnsignedString(dims[i])
            + "; at most 2^31 values per file are supported");
      }
    }
    float[] values = new float[(int) total];
    byte[] chunk = new byte[width * 8192];
    ByteBuffer buffer = ByteBuffer.wrap(chunk);
    int done = 0;
    while (done < values.length) {
      int want = Math.min(chunk.length, (values.length - done) * width);
      int got = in.readNBytes(chunk, 0, want);
      if (got < want) {
        throw new DataException(where, path + ": truncated: ends after " + (done + got / width) + " of "
            + values.length + " values (dimensions " + Arrays.toString(dims) + "); download the file again");
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
