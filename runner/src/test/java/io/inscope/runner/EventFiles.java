package io.inscope.runner;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Event;

/**
 * Reads TensorBoard event files independently of the writer: TFRecord framing (little-endian
 * uint64 length, masked CRC-32C of the length, the data, masked CRC-32C of the data), each record
 * an {@code Event} proto. Any bad checksum is an error; so is a truncated record, unless it is the
 * last one of a file that may still be written to (or whose writer was killed).
 */
final class EventFiles {
  private EventFiles() {}

  /** The event files of {@code dir}, sorted by name (which starts with the creation time). */
  static List<Path> in(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents.")).sorted().toList();
    }
  }

  static List<Event> read(Path file) throws IOException {
    return read(file, false);
  }

  static List<Event> read(Path file, boolean allowTruncatedTail) throws IOException {
    ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
    List<Event> events = new ArrayList<>();
    while (b.hasRemaining()) {
      int at = b.position();
      if (allowTruncatedTail && (b.remaining() < 12 || b.getLong(at) > b.remaining() - 16)) {
        break;
      }
      if (b.remaining() < 12) {
        throw new IOException(file + ": truncated record header at byte " + at);
      }
      byte[] lengthBytes = new byte[8];
      b.get(lengthBytes);
      long length = ByteBuffer.wrap(lengthBytes).order(ByteOrder.LITTLE_ENDIAN).getLong();
      check(file, at, "length", b.getInt(), lengthBytes);
      if (length < 0 || length > b.remaining() - 4) {
        throw new IOException(file + ": record at byte " + at + " claims " + length + " bytes, " + b.remaining() + " left");
      }
      byte[] data = new byte[(int) length];
      b.get(data);
      check(file, at, "data", b.getInt(), data);
      events.add(Event.parseFrom(data));
    }
    return events;
  }

  static int maskedCrc32c(byte[] data) {
    CRC32C crc = new CRC32C();
    crc.update(data);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + 0xa282ead8;
  }

  private static void check(Path file, int at, String what, int stored, byte[] bytes) throws IOException {
    if (stored != maskedCrc32c(bytes)) {
      throw new IOException(file + ": bad " + what + " checksum in the record at byte " + at);
    }
  }
}
