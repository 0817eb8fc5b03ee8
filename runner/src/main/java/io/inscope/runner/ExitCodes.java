package io.inscope.runner;

import java.util.List;

/**
 * The exit-code contract (README, {@code --help}): what a scheduler should do after each.
 *
 * <pre>
 * 0    finished (or already finished: the rerun was a no-op)  move on
 * 1    internal error (a bug; stack trace printed)            report
 * 2    usage, job-file or data error                          do not retry
 * 3    training diverged (loss NaN/Inf)                       do not retry as is
 * 69   cluster or TPU unavailable                             retry later
 * 71   out of memory (TensorFlow's resource exhausted)         not retry as is: a smaller batch or model
 * 73   cannot create or write the run directory (read-only, permission, a file in the way)  fix the path
 * 74   I/O error writing the run directory (disk full)         free space, then retry; the rerun resumes
 * 75   interrupted (signal or max_duration), checkpoint written   requeue; the rerun resumes
 * 124  the stop outlasted train.grace_period; halted          retry; the rerun resumes from the last checkpoint
 * </pre>
 *
 * <p>A command that runs several jobs exits with the most severe of their codes, in the order of
 * {@link #SEVERITY}: first the codes after which a retry can still finish work (75, 124, 69, 74), so
 * a scheduler keeps retrying while some job can progress (finished jobs are no-ops on a rerun),
 * then the permanent failures (1, 71, 3, 73, 2), then 0. The codes 71, 73, 74 and 75 are
 * sysexits' EX_OSERR, EX_CANTCREAT, EX_IOERR and EX_TEMPFAIL.
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int DIVERGED = 3;
  public static final int UNAVAILABLE = 69;
  public static final int OUT_OF_MEMORY = 71;
  public static final int CANNOT_CREATE = 73;
  public static final int IO_ERROR = 74;
  public static final int INTERRUPTED = 75;
  public static final int STOP_TIMED_OUT = 124;

  /** Most severe first. */
  public static final List<Integer> SEVERITY =
      List.of(INTERRUPTED, STOP_TIMED_OUT, UNAVAILABLE, IO_ERROR, INTERNAL, OUT_OF_MEMORY, DIVERGED, CANNOT_CREATE, USAGE, OK);

  public static final String TABLE =
      "Exit codes:%n"
          + "  0    finished, or already finished (the rerun did nothing)%n"
          + "  1    internal error (a bug: stack trace printed)%n"
          + "  2    usage, job-file or data error (do not retry)%n"
          + "  3    training diverged: loss NaN/Inf, last good checkpoint kept%n"
          + "  69   cluster or TPU unavailable (retry later)%n"
          + "  71   out of memory: TensorFlow's resource exhausted (use a smaller batch or model)%n"
          + "  73   cannot create or write the run directory: read-only, no permission, a file in the way (fix the path)%n"
          + "  74   I/O error writing the run directory, e.g. disk full; last good checkpoint kept (free space, retry)%n"
          + "  75   interrupted (SIGTERM/SIGINT or train.max_duration) after writing a checkpoint (requeue; the rerun resumes)%n"
          + "  124  the stop took longer than train.grace_period; halted (retry; the rerun resumes from the last checkpoint)%n"
          + "Several jobs: the most severe code, in the order 75, 124, 69, 74, 1, 71, 3, 73, 2, 0.%n";

  private ExitCodes() {}

  /** The more severe of two exit codes; a code outside the contract counts as an internal error. */
  public static int mostSevere(int a, int b) {
    return rank(a) <= rank(b) ? a : b;
  }

  private static int rank(int code) {
    int i = SEVERITY.indexOf(code);
    return i >= 0 ? i : SEVERITY.indexOf(INTERNAL);
  }
}
