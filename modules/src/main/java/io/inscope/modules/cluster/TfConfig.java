package io.inscope.modules.cluster;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads a cluster from the {@code TF_CONFIG} environment variable, as TensorFlow's
 * TFConfigClusterResolver and Kubeflow's TFJob write it: job {@code chief} (at most one task) and
 * job {@code worker}.
 *
 * <pre>
 * TF_CONFIG='{"cluster": {"chief": ["c:2222"], "worker": ["w0:2222", "w1:2222"]},
 *             "task": {"type": "worker", "index": 1}, "environment": "cloud"}'
 * </pre>
 *
 * The tasks map onto one TensorFlow job, {@code worker}, the chief first: with a chief, the chief
 * is task 0 and worker {@code i} is task {@code i + 1}; without one, worker {@code i} is task
 * {@code i}. Task 0 runs the job. Other jobs ({@code ps}, {@code evaluator}) may appear only as
 * empty lists; a missing {@code task} is task 0.
 */
public final class TfConfig {
  /** TF_CONFIG's job of the task that runs the job, when it has one. */
  public static final String CHIEF = "chief";

  private static final ObjectMapper JSON = new ObjectMapper();

  private TfConfig() {}

  /** @throws IllegalArgumentException naming the part of TF_CONFIG that is wrong */
  public static WorkerCluster parse(String tfConfig) {
    JsonNode root;
    try {
      root = JSON.readTree(tfConfig);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("TF_CONFIG is not valid JSON: " + e.getOriginalMessage());
    }
    if (root == null || !root.isObject()) {
      throw new IllegalArgumentException("TF_CONFIG must be a JSON object with 'cluster' and 'task'");
    }
    JsonNode cluster = root.path("cluster");
    for (Iterator<Map.Entry<String, JsonNode>> it = cluster.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> job = it.next();
      String name = job.getKey();
      if (!name.equals(WorkerCluster.JOB) && !name.equals(CHIEF) && !job.getValue().isEmpty()) {
        throw new IllegalArgumentException("TF_CONFIG: cluster." + name + " is not supported;"
            + " list the tasks under cluster.chief (one, it runs the job) and cluster.worker");
      }
    }
    List<String> chief = addresses(cluster, CHIEF);
    if (chief.size() > 1) {
      throw new IllegalArgumentException("TF_CONFIG: cluster.chief must list one task (got " + chief.size() + ")");
    }
    List<String> workers = addresses(cluster, WorkerCluster.JOB);
    if (chief.isEmpty() && workers.isEmpty()) {
      throw new IllegalArgumentException("TF_CONFIG: cluster.worker must list the tasks as"
          + " [\"host:port\", ...] (got " + (cluster.path(WorkerCluster.JOB).isMissingNode() ? "nothing"
          : cluster.path(WorkerCluster.JOB)) + ")");
    }
    List<String> addresses = new ArrayList<>(chief);
    addresses.addAll(workers);
    JsonNode task = root.path("task");
    if (task.isMissingNode()) {
      return cluster(addresses, 0);
    }
    String type = task.path("type").asText(WorkerCluster.JOB);
    if (!type.equals(WorkerCluster.JOB) && !type.equals(CHIEF)) {
      throw new IllegalArgumentException("TF_CONFIG: task.type must be 'chief' or 'worker' (got '" + type + "')");
    }
    JsonNode index = task.path("index");
    if (!index.isMissingNode() && !index.canConvertToInt()) {
      throw new IllegalArgumentException("TF_CONFIG: task.index must be an integer (got " + index + ")");
    }
    int i = index.asInt(0);
    List<String> ofType = type.equals(CHIEF) ? chief : workers;
    if (i < 0 || i >= ofType.size()) {
      throw new IllegalArgumentException("TF_CONFIG: task.index " + i + " is out of range: cluster." + type
          + " lists " + ofType.size() + " task(s)");
    }
    return cluster(addresses, type.equals(CHIEF) ? 0 : chief.size() + i);
  }

  private static List<String> addresses(JsonNode cluster, String job) {
    JsonNode tasks = cluster.path(job);
    List<String> out = new ArrayList<>();
    if (tasks.isMissingNode() || tasks.isNull()) {
      return out;
    }
    if (!tasks.isArray()) {
      throw new IllegalArgumentException("TF_CONFIG: cluster." + job + " must list the tasks as"
          + " [\"host:port\", ...] (got " + tasks + ")");
    }
    for (JsonNode t : tasks) {
      if (!t.isTextual()) {
        throw new IllegalArgumentException("TF_CONFIG: cluster." + job + " entries must be \"host:port\" strings (got " + t + ")");
      }
      out.add(t.asText());
    }
    return out;
  }

  private static WorkerCluster cluster(List<String> addresses, int task) {
    try {
      return new WorkerCluster(addresses, task);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TF_CONFIG: " + e.getMessage());
    }
  }
}
