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
 * TFConfigClusterResolver does, for job {@code worker} only (task 0 plays the chief):
 *
 * <pre>
 * TF_CONFIG='{"cluster": {"worker": ["host0:2222", "host1:2222"]}, "task": {"type": "worker", "index": 1}}'
 * </pre>
 *
 * Other jobs ({@code chief}, {@code ps}, {@code evaluator}) may appear only as empty lists.
 */
public final class TfConfig {
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
      if (!job.getKey().equals(WorkerCluster.JOB) && !job.getValue().isEmpty()) {
        throw new IllegalArgumentException("TF_CONFIG: cluster." + job.getKey() + " is not supported;"
            + " list every task under cluster.worker (task 0 runs the job)");
      }
    }
    JsonNode workers = cluster.path(WorkerCluster.JOB);
    if (!workers.isArray() || workers.isEmpty()) {
      throw new IllegalArgumentException("TF_CONFIG: cluster.worker must list the tasks as"
          + " [\"host:port\", ...] (got " + (workers.isMissingNode() ? "nothing" : workers) + ")");
    }
    List<String> addresses = new ArrayList<>();
    for (JsonNode w : workers) {
      if (!w.isTextual()) {
        throw new IllegalArgumentException("TF_CONFIG: cluster.worker entries must be \"host:port\" strings (got " + w + ")");
      }
      addresses.add(w.asText());
    }
    JsonNode task = root.path("task");
    String type = task.path("type").asText(WorkerCluster.JOB);
    if (!type.equals(WorkerCluster.JOB)) {
      throw new IllegalArgumentException("TF_CONFIG: task.type must be 'worker' (got '" + type + "')");
    }
    JsonNode index = task.path("index");
    if (!index.isMissingNode() && !index.canConvertToInt()) {
      throw new IllegalArgumentException("TF_CONFIG: task.index must be an integer (got " + index + ")");
    }
    try {
      return new WorkerCluster(addresses, index.asInt(0));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("TF_CONFIG: " + e.getMessage());
    }
  }
}
