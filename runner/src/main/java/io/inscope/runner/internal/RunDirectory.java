package io.inscope.runner.internal;

import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A run directory held by one process: {@code .lock} is locked with an OS file lock (released by
 * the OS when the process dies, so a stale lock from a killed run never blocks the next one) and
 * holds the owner's pid for the error message. A {@code .lock} file whose lock is free was left by
 * a process that died (kill -9, OOM killer, node loss): it is taken over, and {@link #staleOwner}
 * names the pid it held. Temporary files of an atomic write that a killed run left behind are
 * removed on acquire. A run directory holds {@value #MARKER}; an existing, non-empty directory
 * without it (and without job.resolved.yaml) is someone else's and is refused (exit 2) before
 * anything in it is touched.
 */
public final class RunDirectory implements AutoCloseable {
  /** The file that marks a directory as a run directory. */
  public static final String MARKER = ".inscope-run";
  /** The temporary file of {@link #writeAtomically}: {@code .<name><random digits>.tmp}, as Files.createTempFile names it. */
  private static final java.util.regex.Pattern OWN_TEMPORARY = java.util.regex.Pattern.compile("\\..+\\d{6,}\\.tmp");
  private final Path dir;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final String staleOwner;

  private RunDirectory(Path dir, FileChannel lockChannel, FileLock lock, String staleOwner) {
    this.dir = dir;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.staleOwner = staleOwner;
  }

  public static RunDirectory acquire(Path dir) throws UserException, IOException {
    refuseForeign(dir);
    Files.createDirectories(dir);
    if (!Files.exists(dir.resolve(MARKER))) {
      // first, before the lock: a start that fails (disk full) leaves a directory a rerun accepts
      writeAtomically(dir, MARKER, "an inscope run directory: runner.jar run writes and deletes files here\n");
    }
    Path lockFile = dir.resolve(".lock");
    FileChannel ch = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException heldByThisProcess) {
      lock = null;
    }
    if (lock == null) {
      String owner = new String(Files.readAllBytes(lockFile)).trim();
      ch.close();
      throw new UserException(ExitCodes.USAGE,
          dir + " is in use by another run (pid " + (owner.isEmpty() ? "unknown" : owner)
              + "); wait for it, or give this run another directory with --output");
    }
    // read through the locked channel: closing any other descriptor of the file would drop the
    // POSIX lock this process holds on it
    java.nio.ByteBuffer old = java.nio.ByteBuffer.allocate((int) Math.min(ch.size(), 64));
    ch.read(old, 0);
    String stale = new String(old.array(), 0, old.position()).trim();
    RunDirectory run = new RunDirectory(dir, ch, lock, stale);
    try {
      ch.truncate(0);
      ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes()));
      ch.force(true);
      removeUnfinishedWrites(dir);
    } catch (IOException | RuntimeException e) {
      try {
        run.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw e;
    }
    return run;
  }

  /** Whether {@code dir} was made by a run: it holds {@value #MARKER} (or, from before the marker, job.resolved.yaml). */
  public static boolean isRunDirectory(Path dir) {
    return Files.isRegularFile(dir.resolve(MARKER)) || Files.isRegularFile(dir.resolve("job.resolved.yaml"));
  }

  /**
   * Refuses a directory that exists, is not empty and is no run directory: a run deletes and
   * overwrites files in its directory ({@code .lock}, {@code metrics.jsonl}, temporary files), and
   * someone else's must stay as it is.
   */
  private static void refuseForeign(Path dir) throws UserException, IOException {
    if (!Files.isDirectory(dir) || isRunDirectory(dir)) {
      return;
    }
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      // a run killed while writing its marker left only the marker's temporary file
      if (s.allMatch(f -> OWN_TEMPORARY.matcher(f.getFileName().toString()).matches())) {
        return;
      }
    }
    throw new UserException(ExitCodes.USAGE, dir + " is not empty and is not a run directory (it has no " + MARKER
        + "); a run would overwrite and delete files there. Give --output a new or empty directory, or the"
        + " directory of an earlier run");
  }

  private static void removeUnfinishedWrites(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        String n = f.getFileName().toString();
        if (OWN_TEMPORARY.matcher(n).matches() && Files.isRegularFile(f)) {
          Files.delete(f);
        }
      }
    }
  }

  /** The pid written in a {@code .lock} left by a process that died holding it, if there was one. */
  public java.util.Optional<String> staleOwner() {
    return staleOwner.isEmpty() ? java.util.Optional.empty() : java.util.Optional.of(staleOwner);
  }

  public Path path() {
    return dir;
  }

  public Path resolve(String name) {
    return dir.resolve(name);
  }

  /**
   * Writes a file atomically: a temporary file in the directory, then a rename. A failed write
   * (disk full) leaves the old file as it was and no temporary file.
   */
  public void writeAtomically(String name, String content) throws IOException {
    writeAtomically(dir, name, content);
  }

  private static void writeAtomically(Path dir, String name, String content) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    try {
      Files.writeString(tmp, content);
      Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
          java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException | RuntimeException e) {
      Files.deleteIfExists(tmp);
      throw e;
    }
  }

  public void delete(String name) throws IOException {
    Files.deleteIfExists(dir.resolve(name));
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
    Files.deleteIfExists(dir.resolve(".lock"));
  }
}
