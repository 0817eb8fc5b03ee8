package io.inscope.modules.data.internal;

import io.inscope.configs.data.Compression;
import io.inscope.modules.data.DataException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Locale;
import java.util.zip.CRC32C;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;

/**
 * Opens a TFRecord file with the compression a job declares, after checking that the file's first
 * bytes agree with it: a gzip stream starts with {@code 1f 8b}, a zlib stream with {@code 78 01},
 * {@code 78 5e}, {@code 78 9c} or {@code 78 da}, and an uncompressed TFRecord file with a record
 * length whose masked CRC32C matches. A file read with the wrong compression fails here, naming
 * what its bytes look like, instead of as a corrupt record later.
 */
public final class CompressedStreams {
  private static final int BUFFER = 1 << 16;
  private static final int HEAD = 12;

  private CompressedStreams() {}

  /** What the first bytes of a file look like: a compression, or null when none of them fits. */
  public static Compression sniff(byte[] head, int length) {
    if (length >= 2 && (head[0] & 0xff) == 0x1f && (head[1] & 0xff) == 0x8b) {
      return Compression.GZIP;
    }
    if (length >= HEAD && isRecordHeader(head)) {
      return Compression.NONE;
    }
    if (length >= 2 && (head[0] & 0xff) == 0x78) {
      int flags = head[1] & 0xff;
      if (flags == 0x01 || flags == 0x5e || flags == 0x9c || flags == 0xda) {
        return Compression.ZLIB;
      }
    }
    return null;
  }

  /**
   * The decompressed bytes of {@code path}.
   *
   * @param where the spec path of errors, e.g. {@code tfrecord}
   * @throws DataException when the file cannot be read or its bytes do not look like {@code compression}
   */
  public static InputStream open(Path path, Compression compression, String where) throws DataException {
    InputStream raw = SourceFiles.open(path, where, false);
    try {
      raw.mark(HEAD);
      byte[] head = new byte[HEAD];
      int length = raw.readNBytes(head, 0, HEAD);
      raw.reset();
      if (length == 0) {
        if (compression == Compression.NONE) {
          return raw;
        }
        raw.close();
        throw new DataException(where + ".compression", path + ": the file is empty, not a " + name(compression)
            + " stream; write it again, or set compression: none for an empty uncompressed file");
      }
      Compression looks = sniff(head, length);
      // an uncompressed file that looks like nothing is left to the record reader, which names the bad record
      if (looks != compression && !(compression == Compression.NONE && looks == null)) {
        raw.close();
        throw new DataException(where + ".compression", path + ": read as " + name(compression)
            + " but its bytes look like " + describe(looks) + " (they start " + hex(head, length) + ")"
            + (looks == null ? "; it is not a TFRecord file, or it is damaged" : "; set compression: " + name(looks)));
      }
      return switch (compression) {
        case NONE -> raw;
        case GZIP -> new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
        case ZLIB -> new BufferedInputStream(new InflaterInputStream(raw, new java.util.zip.Inflater(), BUFFER), BUFFER);
      };
    } catch (IOException e) {
      throw SourceFiles.unreadable(path, where, e);
    }
  }

  private static String name(Compression compression) {
    return compression.name().toLowerCase(Locale.ROOT);
  }

  private static String describe(Compression looks) {
    if (looks == null) {
      return "neither gzip (1f 8b), zlib (78 01/5e/9c/da) nor uncompressed TFRecord records";
    }
    return switch (looks) {
      case GZIP -> "gzip";
      case ZLIB -> "zlib";
      case NONE -> "uncompressed TFRecord records";
    };
  }

  private static String hex(byte[] head, int length) {
    HexFormat format = HexFormat.ofDelimiter(" ");
    return format.formatHex(head, 0, Math.min(length, 4));
  }

  private static boolean isRecordHeader(byte[] head) {
    CRC32C crc = new CRC32C();
    crc.update(head, 0, 8);
    int value = (int) crc.getValue();
    int masked = ((value >>> 15) | (value << 17)) + 0xa282ead8;
    return ByteBuffer.wrap(head, 8, 4).order(ByteOrder.LITTLE_ENDIAN).getInt() == masked;
  }
}
