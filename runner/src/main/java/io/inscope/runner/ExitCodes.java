package io.inscope.runner;

/**
 * The exit-code contract (README, {@code --help}): what a scheduler should do after each.
 *
 * <pre>
 * 0   finished                                      move on
 * 1   internal error (a bug; stack trace printed)   report
 * 2   usage or job-file error                       do not retry
 * 3   training diverged (loss NaN/Inf)              do not retry as is
 * 69  cluster or TPU unavailable                    retry later
 * 75  interrupted after writing a checkpoint        requeue; the rerun resumes
 * </pre>
 */
public final class ExitCodes {
  public static final int OK = 0;
  public static final int INTERNAL = 1;
  public static final int USAGE = 2;
  public static final int DIVERGED = 3;
  public static final int UNAVAILABLE = 69;
  public static final int INTERRUPTED = 75;

  public static final String TABLE =
      "Exit codes:%n"
          + "  0   finished%n"
          + "  1   internal error (a bug: stack trace printed)%n"
          + "  2   usage or job-file error (do not retry)%n"
          + "  3   training diverged: loss NaN/Inf, last good checkpoint kept%n"
          + "  69  cluster or TPU unavailable (retry later)%n"
          + "  75  interrupted after writing a checkpoint (requeue; the rerun resumes)%n";

  private ExitCodes() {}
}
