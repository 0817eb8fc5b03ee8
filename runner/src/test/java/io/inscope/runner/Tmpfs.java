package io.inscope.runner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A small tmpfs mounted for a test: a real file system that fills up or turns read-only, as root
 * only ({@code mount} needs CAP_SYS_ADMIN; CI runs as root). {@link #mount} returns null where
 * mounting is not allowed, and the test skips.
 */
final class Tmpfs implements AutoCloseable {
  final Path dir;

  private Tmpfs(Path dir) {
    this.dir = dir;
  }

  /** Mounts a tmpfs of {@code size} (e.g. {@code 1m}) at a new directory {@code at}, or returns null. */
  static Tmpfs mount(Path at, String size) throws IOException, InterruptedException {
    Files.createDirectories(at);
    return run("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", at.toString()) ? new Tmpfs(at) : null;
  }

  /** Remounts with new options, e.g. {@code ro} or {@code size=8m}. */
  void remount(String options) throws IOException, InterruptedException {
    if (!run("mount", "-o", "remount," + options, dir.toString())) {
      throw new IOException("mount -o remount," + options + " " + dir + " failed");
    }
  }

  /** Writes one file until the file system is full. */
  void fill() throws IOException {
    byte[] page = new byte[4096];
    try (var out = Files.newOutputStream(dir.resolve("filler"))) {
      while (true) {
        out.write(page);
        out.flush();
      }
    } catch (IOException full) {
      if (!String.valueOf(full.getMessage()).contains("No space left on device")) {
        throw full;
      }
    }
  }

  private static boolean run(String... cmd) throws IOException, InterruptedException {
    List<String> c = new ArrayList<>(List.of(cmd));
    Process p;
    try {
      p = new ProcessBuilder(c).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    } catch (IOException noMountCommand) {
      return false;
    }
    return p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
  }

  @Override
  public void close() throws IOException, InterruptedException {
    run("umount", "-l", dir.toString());
  }
}
