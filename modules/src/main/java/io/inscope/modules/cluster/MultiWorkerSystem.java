package io.inscope.modules.cluster;

import io.inscope.configs.JobSpec;
import io.inscope.configs.ReplicationMode;
import io.inscope.configs.StrategyType;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.tensorflow.proto.ConfigProto;

/**
 * Initializes a cluster of TensorFlow gRPC servers for {@code multi_worker_mirrored}, as its task 0:
 * starts this process's own server, waits (up to {@code cluster.deadline}) for every other task,
 * lists the devices of all tasks through a session on its own server, and picks {@code
 * strategy.replicas} devices per task (GPUs where a task has them, else logical CPU devices;
 * default 1), task 0's first. The graph is then built once, here, with one variable component per
 * replica on every task's devices (in-graph replication), and the session runs on this server.
 *
 * <pre>
 * cluster: {workers: [10.0.0.1:2222, 10.0.0.2:2222], deadline: 60s}
 * strategy: {type: multi_worker_mirrored, replicas: 1}   # replicas per task
 * </pre>
 */
public final class MultiWorkerSystem implements SystemInitializer {
  private final UnaryOperator<String> env;

  public MultiWorkerSystem() {
    this(System::getenv);
  }

  MultiWorkerSystem(UnaryOperator<String> env) {
    this.env = env;
  }

  /**
   * The session config. No {@code cluster_def}: the servers already know the cluster, and
   * TensorFlow rejects a cluster_def that repeats the job and task the master booted as. Session
   * state is isolated so a rerun on long-lived workers never sees a previous run's variables. Every
   * session call is bounded by {@code cluster.step_timeout} ({@code operation_timeout_in_ms}): a
   * task that stops answering without closing its connections (a frozen process, a lost host)
   * fails the step with DEADLINE_EXCEEDED instead of hanging it.
   */
  @Override
  public ConfigProto sessionConfig(JobSpec job) {
    ConfigProto.Builder b = ConfigProto.newBuilder().setAllowSoftPlacement(true).setIsolateSessionState(true)
        .setOperationTimeoutInMs(job.cluster().stepTimeout().duration().toMillis());
    if (betweenGraph(job)) {
      WorkerCluster cluster = cluster(job);
      // the collectives' group leader; a session sees only its own task's devices, as TensorFlow's
      // MultiWorkerMirroredStrategy sets device_filters: its graph never leaves the task
      b.getExperimentalBuilder().setCollectiveGroupLeader(WorkerCluster.taskName(0));
      b.addDeviceFilters("/job:" + WorkerCluster.JOB + "/task:" + cluster.task());
    }
    return Precisions.apply(b, job.precision()).build();
  }

  /**
   * Whether {@code job} runs between graphs: {@code strategy.mode: between_graph}, or {@code auto}
   * with the cluster taken from TF_CONFIG (every task runs the job file, as TensorFlow's
   * MultiWorkerMirroredStrategy); {@code in_graph}, or {@code auto} with {@code cluster.workers},
   * builds one graph in task 0.
   */
  public boolean betweenGraph(JobSpec job) {
    return betweenGraph(job, env.apply("TF_CONFIG"));
  }

  /** As {@link #betweenGraph(JobSpec)} with {@code tfConfig} the value of TF_CONFIG (null: unset). */
  public static boolean betweenGraph(JobSpec job, String tfConfig) {
    if (job.strategy().type() != StrategyType.MULTI_WORKER_MIRRORED) {
      return false;
    }
    return switch (job.strategy().mode()) {
      case BETWEEN_GRAPH -> true;
      case IN_GRAPH -> false;
      case AUTO -> job.cluster().workers() == null && tfConfig != null && !tfConfig.isBlank();
    };
  }

  /**
   * The cluster of {@code job}: between graphs, from TF_CONFIG, this process being any task; else
   * as task 0 (TF_CONFIG naming another task is an error).
   */
  public WorkerCluster cluster(JobSpec job) {
    if (job.strategy().mode() == ReplicationMode.BETWEEN_GRAPH && job.cluster().workers() != null) {
      throw new IllegalArgumentException("strategy.mode: between_graph takes the cluster and this process's task from"
          + " TF_CONFIG, as every task runs the job file; leave out cluster.workers (or use mode: in_graph with"
          + " `runner.jar worker` on the other tasks)");
    }
    String tfConfig = env.apply("TF_CONFIG");
    if (job.strategy().mode() == ReplicationMode.BETWEEN_GRAPH && (tfConfig == null || tfConfig.isBlank())) {
      throw new IllegalArgumentException("strategy.mode: between_graph takes the cluster and this process's task from"
          + " TF_CONFIG, which is not set: set it on every task (as Kubeflow's TFJob does), or use mode: in_graph with"
          + " cluster.workers");
    }
    WorkerCluster cluster = WorkerCluster.forJob(job.cluster(), tfConfig);
    if (cluster.task() != 0 && !betweenGraph(job)) {
      throw new IllegalArgumentException("TF_CONFIG names this process task " + cluster.task()
          + "; the chief (task 0) runs the job, every other task serves: run `runner.jar job.yaml` with"
          + " one job file, or `runner.jar worker`, here instead");
    }
    return cluster;
  }

  @Override
  public Topology initialize(JobSpec job) throws ClusterUnavailableException {
    WorkerCluster cluster = cluster(job);
    int perTask = job.strategy().replicas() != null ? job.strategy().replicas() : 1;
    Duration wait = job.cluster().deadline().duration();
    Instant deadline = Instant.now().plus(wait);
    Servers.start(cluster, perTask, betweenGraph(job));
    List<String> devices;
    try {
      Map<String, String> silent = ClusterProbe.unreachable(cluster.addresses(), deadline);
      if (!silent.isEmpty()) {
        throw new ClusterUnavailableException(notAnswering(cluster, silent, wait));
      }
      devices = ClusterProbe.devicesBefore(cluster.localTarget(), sessionConfig(job), deadline);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterUnavailableException("interrupted while waiting for the cluster " + cluster.addresses());
    }
    if (devices == null) {
      throw new ClusterUnavailableException("the cluster " + cluster.addresses() + " did not list its devices within "
          + wait.toMillis() / 1000.0 + " s although every address accepts connections; check that each runs"
          + " `runner.jar worker` with the same --cluster, or raise cluster.deadline");
    }
    if (betweenGraph(job)) {
      int batch = job.data().train().batchSize();
      if (batch % (cluster.size() * perTask) != 0) {
        throw new IllegalArgumentException("data.train.batch_size: " + batch + " does not divide evenly over "
            + cluster.size() + " task(s) x " + perTask + " replica(s) per task; each task trains batch_size / tasks");
      }
      List<String> mine = replicaDevices(cluster, cluster.task(), devices, perTask);
      List<String> cpus = ofTask(devices, cluster.task(), "CPU");
      return new Topology(cluster.localTarget(), devices, mine, cpus.isEmpty() ? mine.get(0) : cpus.get(0),
          new Topology.Task(cluster.task(), cluster.size()));
    }
    List<String> replicas = new ArrayList<>();
    for (int t = 0; t < cluster.size(); t++) {
      replicas.addAll(replicaDevices(cluster, t, devices, perTask));
    }
    String host = replicaDevices(cluster, 0, devices, 1).get(0);
    List<String> taskZeroCpus = ofTask(devices, 0, "CPU");
    return new Topology(cluster.localTarget(), devices, replicas, taskZeroCpus.isEmpty() ? host : taskZeroCpus.get(0));
  }

  private static List<String> replicaDevices(WorkerCluster cluster, int task, List<String> devices, int perTask)
      throws ClusterUnavailableException {
    List<String> gpus = ofTask(devices, task, "GPU");
    List<String> pool = gpus.isEmpty() ? ofTask(devices, task, "CPU") : gpus;
    if (pool.size() < perTask) {
      throw new ClusterUnavailableException("task " + task + " at " + cluster.address(task) + " offers " + pool.size()
          + " " + (gpus.isEmpty() ? "CPU" : "GPU") + " device(s) but strategy.replicas asks for " + perTask
          + " per task (found: " + ofTask(devices, task, null) + "); start its worker with --replicas " + perTask
          + " or lower strategy.replicas");
    }
    return pool.subList(0, perTask);
  }

  /** The devices of one task, of one type (or every type when {@code type} is null), in listing order. */
  static List<String> ofTask(List<String> devices, int task, String type) {
    String prefix = WorkerCluster.taskName(task) + "/";
    return devices.stream()
        .filter(d -> d.startsWith(prefix))
        .filter(d -> type == null || Devices.type(d).equals(type))
        .toList();
  }

  private static String notAnswering(WorkerCluster cluster, Map<String, String> silent, Duration wait) {
    List<String> parts = new ArrayList<>();
    for (Map.Entry<String, String> e : silent.entrySet()) {
      parts.add("task " + cluster.addresses().indexOf(e.getKey()) + " at " + e.getKey() + " (" + e.getValue() + ")");
    }
    return "cluster task(s) did not answer within " + wait.toMillis() / 1000.0 + " s: " + String.join(", ", parts)
        + "; start `runner.jar worker --cluster " + String.join(",", cluster.addresses()) + " --task N` on each,"
        + " check the addresses, or raise cluster.deadline";
  }
}
