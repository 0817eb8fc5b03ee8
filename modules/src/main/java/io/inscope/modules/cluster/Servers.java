package io.inscope.modules.cluster;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.Server;
import org.tensorflow.proto.ServerDef;

/**
 * Starts TensorFlow gRPC server tasks. A server cannot be stopped cleanly from Java (TensorFlow's
 * gRPC server does not implement stop), so each one lives as long as the process; a second job in
 * the same process on the same cluster reuses the server already running.
 */
public final class Servers {
  private static final Map<Integer, Started> RUNNING = new HashMap<>();

  private record Started(ServerDef def, Server server) {}

  private Servers() {}

  /**
   * Starts the server of {@code cluster}'s own task (or finds it already running in this process).
   *
   * @param cpus logical CPU devices the task offers
   */
  public static synchronized void start(WorkerCluster cluster, int cpus) throws ClusterUnavailableException {
    start(cluster, cpus, false);
  }

  /**
   * As {@link #start(WorkerCluster, int)}; {@code collectives}: a task of a between-graph job,
   * whose server takes part in collective ops (see {@link WorkerCluster#serverDef(int, boolean)}).
   */
  public static synchronized void start(WorkerCluster cluster, int cpus, boolean collectives)
      throws ClusterUnavailableException {
    ServerDef def = cluster.serverDef(cpus, collectives);
    int port = WorkerCluster.port(cluster.address(cluster.task()));
    Started running = RUNNING.get(port);
    if (running != null) {
      if (!running.def().equals(def)) {
        throw new ClusterUnavailableException("port " + port + " already serves another cluster or device"
            + " count in this process; run each cluster's job in its own process");
      }
      return;
    }
    Server server;
    try {
      server = new Server(def);
      server.start();
    } catch (RuntimeException e) {
      throw new ClusterUnavailableException("cannot start the server of task " + cluster.task() + " on port "
          + port + " (" + e.getMessage().strip() + "); is another process using the port?");
    }
    RUNNING.put(port, new Started(def, server));
  }
}
