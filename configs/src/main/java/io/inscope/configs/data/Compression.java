package io.inscope.configs.data;

/**
 * How a TFRecord file's bytes are compressed, as TensorFlow's {@code TFRecordOptions} names it:
 * the whole file stream is one gzip or zlib stream (not each record), or plain records.
 */
public enum Compression {
  /** gzip (RFC 1952); the file starts with {@code 1f 8b}. TensorFlow's {@code "GZIP"}. */
  GZIP,
  /** zlib (RFC 1950); the file starts with {@code 78 01}, {@code 78 5e}, {@code 78 9c} or {@code 78 da}. TensorFlow's {@code "ZLIB"}. */
  ZLIB,
  /** uncompressed records. TensorFlow's {@code ""}. */
  NONE;

  /** The default for a file: gzip when its name ends with {@code .gz}, none otherwise. */
  public static Compression byName(String path) {
    return path.endsWith(".gz") ? GZIP : NONE;
  }
}
