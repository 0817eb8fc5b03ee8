package io.inscope.modules.cluster;

import io.inscope.configs.ClusterSpec;
import java.util.List;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.JobDef;
import org.tensorflow.proto.ServerDef;

/**
 * The TensorFlow cluster of a {@code multi_worker_mirrored} job: the tasks of job {@code worker}
 * as {@code host:port}, and which task this process is. Task 0 (TF_CONFIG's chief) runs the job;
 * every other task serves, through {@code runner.jar worker} or {@code runner.jar job.yaml} with
 * TF_CONFIG naming it. The cluster comes from the job file, or from {@code TF_CONFIG} (see
 * {@link TfConfig}) when the file lists no workers:
 *
 * <pre>
 * cluster: {workers: [10.0.0.1:2222, 10.0.0.2:2222], deadline: 60s}
 * </pre>
 *
 * @param addresses {@code host:port} of task 0, 1, ...
 * @param task the index of this process's task
 */
public record WorkerCluster(List<String> addresses, int task) {
  /** The job name every task serves under, as in TensorFlow's TF_CONFIG convention. */
  public static final String JOB = "worker";

  public WorkerCluster {
    addresses = List.copyOf(addresses);
    if (addresses.isEmpty()) {
      throw new IllegalArgumentException("a cluster needs at least one host:port");
    }
    for (String a : addresses) {
      port(a);
      if (addresses.indexOf(a) != addresses.lastIndexOf(a)) {
        throw new IllegalArgumentException("address " + a + " is listed twice; each task needs its own host:port");
      }
    }
    if (task < 0 || task >= addresses.size()) {
      throw new IllegalArgumentException("task " + task + " is out of range: the cluster has "
          + addresses.size() + " task(s), numbered 0 to " + (addresses.size() - 1));
    }
  }

  /**
   * The cluster a job runs on, as its task 0: {@code cluster.workers}, else {@code tfConfig} (the
   * value of TF_CONFIG, or null when unset).
   *
   * @throws IllegalArgumentException naming what to set, when neither gives a cluster
   */
  public static WorkerCluster forJob(ClusterSpec spec, String tfConfig) {
    if (spec.workers() != null) {
      return new WorkerCluster(spec.workers(), 0);
    }
    if (tfConfig == null || tfConfig.isBlank()) {
      throw new IllegalArgumentException("strategy multi_worker_mirrored needs a cluster: set cluster.workers:"
          + " [host0:2222, host1:2222] or the TF_CONFIG environment variable (or use strategy: mirrored"
          + " on one machine)");
    }
    return TfConfig.parse(tfConfig);
  }

  public int size() {
    return addresses.size();
  }

  public String address(int task) {
    return addresses.get(task);
  }

  /** The device-name prefix of a task: {@code /job:worker/replica:0/task:1}. */
  public static String taskName(int task) {
    return "/job:" + JOB + "/replica:0/task:" + task;
  }

  /** This task's own server, reached over loopback. */
  public String localTarget() {
    return "grpc://127.0.0.1:" + port(addresses.get(task));
  }

  public ClusterDef clusterDef() {
    JobDef.Builder job = JobDef.newBuilder().setName(JOB);
    for (int i = 0; i < addresses.size(); i++) {
      job.putTasks(i, addresses.get(i));
    }
    return ClusterDef.newBuilder().addJob(job).build();
  }

  /**
   * The definition of this task's server, offering {@code cpus} logical CPU devices (one per local
   * replica when the task has no GPU).
   */
  public ServerDef serverDef(int cpus) {
    return serverDef(cpus, false);
  }

  /**
   * As {@link #serverDef(int)}; {@code collectives}: the server also takes part in collective ops
   * (between-graph), with task 0 as their group leader, as TensorFlow's MultiWorkerMirroredStrategy
   * sets {@code experimental.collective_group_leader}.
   */
  public ServerDef serverDef(int cpus, boolean collectives) {
    ConfigProto.Builder config = ConfigProto.newBuilder().putDeviceCount("CPU", cpus);
    if (collectives) {
      config.getExperimentalBuilder().setCollectiveGroupLeader(taskName(0));
    }
    return ServerDef.newBuilder()
        .setCluster(clusterDef())
        .setJobName(JOB)
        .setTaskIndex(task)
        .setProtocol("grpc")
        .setDefaultSessionConfig(config)
        .build();
  }

  /** The port of {@code host:port}; the host may be a name, IPv4 or [IPv6]. */
  static int port(String address) {
    int colon = address.lastIndexOf(':');
    int port = -1;
    if (colon > 0 && colon < address.length() - 1 && !address.endsWith("]")) {
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        port = -1;
      }
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("expected host:port with a port from 1 to 65535 (got '" + address + "')");
    }
    return port;
  }

  /** The host of {@code host:port}, brackets of an IPv6 address removed. */
  static String host(String address) {
    String h = address.substring(0, address.lastIndexOf(':'));
    return h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
  }
}
