package io.inscope.runner.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** This process's resident memory, from {@code /proc/self/status} (Linux). */
final class Rss {
  private Rss() {}

  /** VmRSS in KiB, or -1 where /proc is not there. */
  static long kib() {
    return kib("VmRSS");
  }

  /** A memory line of /proc/self/status ({@code VmRSS}, {@code VmHWM}) in KiB, or -1 where /proc is not there. */
  static long kib(String field) {
    Path status = Path.of("/proc/self/status");
    if (!Files.exists(status)) {
      return -1;
    }
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith(field + ":")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
      return -1;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
