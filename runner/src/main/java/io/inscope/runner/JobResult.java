package io.inscope.runner;

import java.nio.file.Path;

/**
 * How one job of a run command ended: a row of the summary table.
 *
 * @param label the job's name, and its sweep values if any
 * @param exit its exit code, or {@link #NOT_STARTED}
 * @param status the exit code in words, e.g. {@code already finished}
 * @param steps training steps done in total, or -1 when unknown
 * @param metrics the last evaluation (or training) metrics, e.g. {@code eval loss 0.07, accuracy 0.97}
 * @param seconds wall-clock time this command spent on the job
 * @param dir the run directory, or null when the job file could not be loaded
 */
record JobResult(String label, int exit, String status, long steps, String metrics, double seconds, Path dir) {
  /** The exit of a job that a stop request kept from starting. */
  static final int NOT_STARTED = -1;

  static JobResult failed(String label, int exit, double seconds, Path dir) {
    String status = switch (exit) {
      case ExitCodes.USAGE -> "job-file or usage error";
      case ExitCodes.DIVERGED -> "diverged";
      case ExitCodes.UNAVAILABLE -> "cluster unavailable";
      case ExitCodes.INTERRUPTED -> "interrupted";
      case ExitCodes.OUT_OF_MEMORY -> "out of memory";
      case ExitCodes.CANNOT_CREATE -> "cannot write run directory";
      case ExitCodes.IO_ERROR -> "I/O error";
      default -> "internal error";
    };
    return new JobResult(label, exit, status, -1, "", seconds, dir);
  }

  static JobResult notStarted(String label, Path dir) {
    return new JobResult(label, NOT_STARTED, "not started (stopped)", -1, "", 0, dir);
  }
}
