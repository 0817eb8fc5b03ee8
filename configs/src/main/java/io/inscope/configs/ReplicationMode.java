package io.inscope.configs;

/**
 * How {@code multi_worker_mirrored} replicates the step across tasks ({@code strategy.mode}):
 *
 * <ul>
 *   <li>{@code between_graph}, as TensorFlow's MultiWorkerMirroredStrategy: every task runs the
 *       job file with its own TF_CONFIG, builds its own graph with replicas on its own devices,
 *       reads its own share of the training data, and all-reduces gradients with TensorFlow's
 *       collective ops ({@code CollectiveReduceV2}); the chief alone writes the run directory.
 *   <li>{@code in_graph}: task 0 builds one graph with a replica on every task's devices and feeds
 *       every batch; the other tasks are plain gRPC servers ({@code runner.jar worker}).
 *   <li>{@code auto}: {@code between_graph} when the cluster comes from TF_CONFIG, {@code in_graph}
 *       with {@code cluster.workers}.
 * </ul>
 */
public enum ReplicationMode {
  AUTO,
  BETWEEN_GRAPH,
  IN_GRAPH
}
