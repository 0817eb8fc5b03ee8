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
 * removed on acquire.
 */
public final class RunDirectory implements AutoCloseable {
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
    Files.createDirectories(dir);
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
    ch.truncate(0);
    ch.write(java.nio.ByteBuffer.wrap((ProcessHandle.current().pid() + "\n").getBytes()));
    ch.force(true);
    removeUnfinishedWrites(dir);
    return new RunDirectory(dir, ch, lock, stale);
  }

  private static void removeUnfinishedWrites(Path dir) throws IOException {
    try (java.util.stream.Stream<Path> s = Files.list(dir)) {
      for (Path f : s.toList()) {
        String n = f.getFileName().toString();
        if (n.startsWith(".") && n.endsWith(".tmp") && Files.isRegularFile(f)) {
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

  /** Writes a file atomically: a temporary file in the directory, then a rename. */
  public void writeAtomically(String name, String content) throws IOException {
    Path tmp = Files.createTempFile(dir, "." + name, ".tmp");
    Files.writeString(tmp, content);
    Files.move(tmp, dir.resolve(name), java.nio.file.StandardCopyOption.ATOMIC_MOVE,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
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
