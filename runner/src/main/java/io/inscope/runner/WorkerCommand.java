package io.inscope.runner;

import io.inscope.modules.cluster.ClusterUnavailableException;
import io.inscope.modules.cluster.Servers;
import io.inscope.modules.cluster.TfConfig;
import io.inscope.modules.cluster.WorkerCluster;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import sun.misc.Signal;

/**
 * Serves as one task of job {@code worker} in a TensorFlow gRPC cluster, for a {@code
 * multi_worker_mirrored} job that task 0 runs. The cluster comes from the flags, or from {@code
 * TF_CONFIG} when neither flag is given. It serves until SIGTERM or SIGINT, then exits 0 at once:
 * a TensorFlow server cannot be stopped cleanly, so the process ends.
 *
 * <pre>
 * java -jar runner.jar worker --cluster host0:2222,host1:2222 --task 1
 * TF_CONFIG='{"cluster": {"worker": ["host0:2222", "host1:2222"]}, "task": {"type": "worker", "index": 1}}' java -jar runner.jar worker
 * </pre>
 */
@Command(
    name = "worker",
    mixinStandardHelpOptions = true,
    description = {
        "Serve as one task of a TensorFlow gRPC cluster (job 'worker') until SIGTERM/SIGINT.",
        "The server listens on every network interface at its port, without authentication"
            + " (TensorFlow's ServerDef has no bind address): run it only on a trusted network."})
public final class WorkerCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "--cluster", split = ",", paramLabel = "HOST:PORT",
      description = "every task of the cluster, task 0 first (default: from TF_CONFIG)")
  List<String> cluster;

  @Option(names = "--task", paramLabel = "N", description = "this process's task index (default: from TF_CONFIG)")
  Integer task;

  @Option(names = "--replicas", paramLabel = "N", defaultValue = "1",
      description = "logical CPU devices to offer: the job's strategy.replicas (default: ${DEFAULT-VALUE})")
  int replicas;

  @Override
  public Integer call() throws Exception {
    WorkerCluster c = resolve(cluster, task, System.getenv("TF_CONFIG"));
    if (replicas < 1) {
      throw new UserException(ExitCodes.USAGE, "worker: --replicas must be >= 1 (got " + replicas + ")");
    }
    return serve(c, replicas, spec.commandLine().getErr());
  }

  /**
   * Starts {@code c}'s own task with {@code replicas} CPU devices and serves until SIGTERM or
   * SIGINT, which end the process with exit 0.
   */
  static int serve(WorkerCluster c, int replicas, PrintWriter err) throws Exception {
    try {
      Servers.start(c, replicas);
    } catch (ClusterUnavailableException e) {
      throw new UserException(ExitCodes.UNAVAILABLE, e.getMessage());
    }
    String name = "worker task " + c.task() + " of " + c.size();
    for (String signal : new String[] {"TERM", "INT"}) {
      Signal.handle(new Signal(signal), s -> {
        err.println(name + ": stopped by SIG" + s.getName());
        err.flush();
        Runtime.getRuntime().halt(ExitCodes.OK);
      });
    }
    String port = c.address(c.task()).substring(c.address(c.task()).lastIndexOf(':') + 1);
    err.println(name + " serving at " + c.address(c.task()) + " (" + replicas + " CPU device(s)), listening on every"
        + " interface at port " + port + " without authentication (TensorFlow offers no bind address); stop with SIGTERM");
    err.flush();
    new CountDownLatch(1).await();
    return ExitCodes.OK;
  }

  static WorkerCluster resolve(List<String> cluster, Integer task, String tfConfig) throws UserException {
    try {
      if (cluster == null && task == null) {
        if (tfConfig == null || tfConfig.isBlank()) {
          throw new UserException(ExitCodes.USAGE,
              "worker: give --cluster host0:port,host1:port,... and --task N, or set TF_CONFIG");
        }
        return TfConfig.parse(tfConfig);
      }
      if (cluster == null || task == null) {
        throw new UserException(ExitCodes.USAGE, "worker: --cluster and --task go together (got only "
            + (cluster == null ? "--task" : "--cluster") + ")");
      }
      return new WorkerCluster(cluster, task);
    } catch (IllegalArgumentException e) {
      throw new UserException(ExitCodes.USAGE, "worker: " + e.getMessage());
    }
  }
}
