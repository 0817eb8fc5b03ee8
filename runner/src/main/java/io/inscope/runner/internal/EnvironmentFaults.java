package io.inscope.runner.internal;

import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Faults of the machine rather than of the job or the runner, as exit codes a scheduler can act on
 * (sysexits), each naming the path and the way out:
 *
 * <pre>
 * 73 EX_CANTCREAT  the run directory cannot be created or written: read-only file system,
 *                  permission denied, a file where a directory is expected
 * 74 EX_IOERR      any other I/O error while writing, disk full above all
 * 71 EX_OSERR      out of memory: TensorFlow's resource exhausted, or the JVM's heap
 * </pre>
 *
 * Checkpoints are written to a temporary directory and renamed, other files of the run directory
 * atomically or line by line, so after any of these the last good checkpoint is intact, nothing
 * half-written is left, and the rerun resumes.
 */
public final class EnvironmentFaults {
  private static final String SMALLER =
      "use a smaller data.*.batch_size or model, or a machine with more memory; the last good checkpoint is kept";

  private EnvironmentFaults() {}

  /** {@code e}, raised while the run wrote into {@code runDir}, as exit 73 or 74. */
  public static UserException write(IOException e, Path runDir) {
    String reason = reason(e);
    String lower = reason.toLowerCase(Locale.ROOT);
    String path = e instanceof FileSystemException f && f.getFile() != null ? f.getFile() : runDir.toString();
    if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")) {
      return new UserException(ExitCodes.IO_ERROR, "cannot write " + path + ": " + reason
          + "; free space on that file system (or give --output a directory on another one) and rerun:"
          + " it resumes from the last complete checkpoint, which is kept");
    }
    if (e instanceof AccessDeniedException || e instanceof NotDirectoryException || e instanceof FileAlreadyExistsException
        || lower.contains("read-only file system") || lower.contains("permission denied") || lower.contains("not a directory")) {
      return new UserException(ExitCodes.CANNOT_CREATE, "cannot create or write the run directory " + runDir + " ("
          + path + ": " + reason + "); make it writable, or give --output a directory you can write");
    }
    return new UserException(ExitCodes.IO_ERROR, "I/O error writing " + path + ": " + reason
        + "; check the file system, then rerun: it resumes from the last complete checkpoint, which is kept");
  }

  /**
   * Whether {@code e} is TensorFlow failing to allocate a constant while it optimizes the graph:
   * its constant folding reports that as INVALID_ARGUMENT "Cannot parse tensor from proto" (seen
   * with a zero-filled optimizer slot too large for memory), not as RESOURCE_EXHAUSTED.
   */
  public static boolean isFoldingAllocation(RuntimeException e) {
    return String.valueOf(e.getMessage()).startsWith("Cannot parse tensor from proto");
  }

  /** TensorFlow's resource exhausted: out of memory (exit 71), or a full disk under TensorFlow's own writes (74). */
  public static UserException resourceExhausted(RuntimeException e, Path runDir) {
    if (isFoldingAllocation(e)) {
      java.util.List<String> dims = java.util.regex.Pattern.compile("size: (\\d+)").matcher(e.getMessage())
          .results().map(m -> m.group(1)).toList();
      return new UserException(ExitCodes.OUT_OF_MEMORY, "TensorFlow ran out of memory (could not allocate a tensor of shape ["
          + String.join(",", dims) + "]); " + SMALLER);
    }
    String first = firstLine(e.getMessage());
    if (first.toLowerCase(Locale.ROOT).contains("no space left on device")) {
      return write(new FileSystemException(runDir.toString(), null, first), runDir);
    }
    return new UserException(ExitCodes.OUT_OF_MEMORY, "TensorFlow ran out of memory (" + first + "); " + SMALLER);
  }

  /** The JVM's heap ran out. */
  public static UserException outOfMemory(OutOfMemoryError e) {
    return new UserException(ExitCodes.OUT_OF_MEMORY, "the Java heap ran out of memory (" + e.getMessage()
        + "); give the JVM more with -Xmx (java -Xmx8g -jar runner.jar ...), or " + SMALLER);
  }

  private static String reason(IOException e) {
    if (e instanceof FileSystemException f) {
      String r = f.getReason();
      return r != null ? r : e.getClass().getSimpleName().replace("Exception", "").replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    }
    return firstLine(e.getMessage());
  }

  private static String firstLine(String message) {
    return message == null ? "" : message.strip().lines().findFirst().orElse("");
  }
}
