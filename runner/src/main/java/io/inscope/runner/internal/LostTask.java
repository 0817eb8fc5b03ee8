package io.inscope.runner.internal;

import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import io.inscope.modules.cluster.WorkerCluster;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Turns a session error of a multi-worker run (a task died, or stopped answering for longer than
 * {@code cluster.step_timeout}) into exit 69 naming the task and its address. Checkpoints are atomic, so the last one is intact and a rerun
 * resumes from it.
 */
public final class LostTask {
  private static final Pattern TASK = Pattern.compile("/job:" + WorkerCluster.JOB + "/replica:\\d+/task:(\\d+)");

  private LostTask() {}

  /** Whether TensorFlow's message is its DEADLINE_EXCEEDED: the session call ran past operation_timeout_in_ms. */
  static boolean timedOut(String message) {
    String m = message.toLowerCase(Locale.ROOT);
    return m.contains("deadline exceeded") || m.contains("deadline_exceeded") || m.contains("timed out");
  }

  /**
   * {@code e} as a {@link UserException} (exit 69) for a multi-worker job, else {@code e} itself.
   * TensorFlow Java has no subclass for the codes a lost task gives (UNAVAILABLE, ABORTED,
   * CANCELLED, DEADLINE_EXCEEDED), so only the plain {@link TensorFlowException} counts: its
   * subclasses (resource exhausted, failed precondition, ...) are errors of the job itself.
   */
  public static Exception of(TensorFlowException e, JobSpec job) {
    if (job.strategy().type() != StrategyType.MULTI_WORKER_MIRRORED || e.getClass() != TensorFlowException.class) {
      return e;
    }
    WorkerCluster cluster = WorkerCluster.forJob(job.cluster(), System.getenv("TF_CONFIG"));
    String message = String.valueOf(e.getMessage()).strip();
    Matcher m = TASK.matcher(message);
    String who = "a cluster task";
    if (m.find()) {
      int task = Integer.parseInt(m.group(1));
      who = "task " + task + (task < cluster.size() ? " at " + cluster.address(task) : "");
    }
    String firstLines = message.lines().limit(2).reduce((a, b) -> a + " " + b).orElse("");
    if (timedOut(message)) {
      return new UserException(ExitCodes.UNAVAILABLE, "a step did not finish within cluster.step_timeout ("
          + job.cluster().stepTimeout() + "): " + who + " stopped answering ("
          + firstLines + "); the last checkpoint is kept: restart the task (or raise cluster.step_timeout if steps"
          + " are that slow) and rerun the job to resume");
    }
    return new UserException(ExitCodes.UNAVAILABLE, who + " failed during training (" + firstLines
        + "); the last checkpoint is kept: restart the worker and rerun the job to resume");
  }
}
