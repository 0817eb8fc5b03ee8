package io.inscope.modules.data.internal;

import io.inscope.modules.data.DataException;
import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opening source files, and I/O errors as {@link DataException}s. */
public final class SourceFiles {
  private static final int BUFFER = 1 << 16;

  private SourceFiles() {}

  /** A buffered stream of {@code path}, decompressed when {@code gunzip} and it starts with gzip's magic bytes. */
  public static InputStream open(Path path, String where, boolean gunzip) throws DataException {
    if (Files.isDirectory(path)) {
      throw new DataException(where, path + ": is a directory; name a file");
    }
    try {
      InputStream in = new BufferedInputStream(Files.newInputStream(path), BUFFER);
      if (!gunzip) {
        return in;
      }
      in.mark(2);
      int b0 = in.read();
      int b1 = in.read();
      in.reset();
      return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, BUFFER), BUFFER) : in;
    } catch (IOException e) {
      throw unreadable(path, where, e);
    }
  }

  public static DataException unreadable(Path path, String where, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new DataException(where, path + ": no such file; check the path (relative paths resolve against the job file's directory)");
    }
    if (e instanceof AccessDeniedException) {
      return new DataException(where, path + ": permission denied; make the file readable by this user");
    }
    if (e instanceof ZipException || e instanceof EOFException) {
      // a flipped byte fails inflation or the trailer's CRC32 / length check; a cut file ends the stream early
      return new DataException(where, path + ": is corrupt: its compressed data fails the integrity check ("
          + (e instanceof EOFException ? "the compressed stream ends early" : e.getMessage())
          + "); the file is damaged or truncated, download or write it again");
    }
    return new DataException(where, path + ": cannot be read: " + e.getMessage());
  }
}
