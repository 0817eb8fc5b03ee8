package io.inscope.modules.data;

import io.inscope.configs.InputSpec;
import io.inscope.modules.data.internal.SourceFiles;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Path;

/** One IDX file of examples, read an example at a time. */
final class IdxFeatureStream implements FeatureStream {
  private final Path file;
  private final DataInputStream in;
  private final int type;
  private final int width;
  private final long count;
  private final int elements;
  private final byte[] bytes;
  private long done;

  IdxFeatureStream(InputSpec input, Path file) throws DataException {
    this.file = file;
    this.in = new DataInputStream(SourceFiles.open(file, "idx", true));
    try {
      int magic = in.readInt();
      type = (magic >>> 8) & 0xff;
      int rank = magic & 0xff;
      width = switch (type) {
        case 0x08, 0x09 -> 1;
        case 0x0B -> 2;
        case 0x0C, 0x0D -> 4;
        case 0x0E -> 8;
        default -> 0;
      };
      if ((magic >>> 16) != 0 || width == 0 || rank == 0) {
        throw new DataException("idx", file + ": not an IDX file (header 0x" + String.format("%08x", magic) + ")");
      }
      count = Integer.toUnsignedLong(in.readInt());
      long e = 1;
      for (int i = 1; i < rank; i++) {
        e *= Integer.toUnsignedLong(in.readInt());
      }
      if (e != input.elements()) {
        throw new DataException("idx", file + ": examples hold " + e + " values but the model takes " + input.elements()
            + " (model.input.shape " + input.shape() + ")");
      }
      elements = (int) e;
      bytes = new byte[elements * width];
    } catch (EOFException e) {
      throw new DataException("idx", file + ": too short for an IDX header; is it an IDX file?");
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, "idx", e);
    }
  }

  @Override
  public int read(float[] dst, int rows) throws DataException {
    int n = 0;
    try {
      while (n < rows && done < count) {
        in.readFully(bytes);
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(bytes);
        for (int i = 0; i < elements; i++) {
          dst[n * elements + i] = switch (type) {
            case 0x08 -> b.get() & 0xff;
            case 0x09 -> b.get();
            case 0x0B -> b.getShort();
            case 0x0C -> b.getInt();
            case 0x0D -> b.getFloat();
            default -> (float) b.getDouble();
          };
        }
        n++;
        done++;
      }
    } catch (EOFException e) {
      throw new DataException("idx", file + ": truncated: ends within example " + done + " of " + count);
    } catch (IOException e) {
      throw SourceFiles.unreadable(file, "idx", e);
    }
    return n;
  }

  @Override
  public String position() {
    return file + ", example " + done;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
