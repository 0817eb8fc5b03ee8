package io.inscope.modules.tpu;

import io.inscope.modules.cluster.ClusterUnavailableException;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * Runs a call that may block in native code (a session to a master that does not answer blocks
 * without bound) on a daemon thread, and gives up after a deadline. The thread is left behind on
 * timeout: native calls cannot be interrupted, and the job ends with exit 69 anyway.
 */
final class Deadlines {
  private Deadlines() {}

  /**
   * @param where who is asked, for the message ({@code grpc://10.0.0.2:8470})
   * @param action what was asked ({@code listing its devices})
   */
  static <T> T call(Callable<T> call, Duration deadline, String where, String action)
      throws ClusterUnavailableException {
    FutureTask<T> task = new FutureTask<>(call);
    Thread t = new Thread(task, "tpu " + action);
    t.setDaemon(true);
    t.start();
    try {
      return task.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      task.cancel(true);
      throw new ClusterUnavailableException(
          "no answer from " + where + " within " + seconds(deadline) + " while " + action
              + " (cluster.deadline); check the address and that the TPU is up, or raise cluster.deadline");
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException r && !(cause instanceof TensorFlowException)) {
        throw r;
      }
      throw new ClusterUnavailableException(where + " failed while " + action + ": " + firstLine(cause.getMessage()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterUnavailableException("interrupted while " + action + " at " + where);
    }
  }

  private static String seconds(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "(no message)";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
