package io.inscope.runner.internal;

import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import io.inscope.modules.cluster.Topology;
import io.inscope.modules.cluster.WorkerCluster;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The tasks a session sees, each with its address (multi-worker jobs) and devices, for {@code plan}. */
public final class Tasks {
  private static final Pattern TASK = Pattern.compile("(.*/task:(\\d+))/device:(.*)");

  private Tasks() {}

  /** One line per task: {@code /job:worker/replica:0/task:1 at 10.0.0.2:2222: CPU:0, CPU:1}. */
  public static List<String> lines(JobSpec job, Topology topology) {
    WorkerCluster cluster = job.strategy().type() == StrategyType.MULTI_WORKER_MIRRORED
        ? WorkerCluster.forJob(job.cluster(), System.getenv("TF_CONFIG"))
        : null;
    Map<String, List<String>> devices = new LinkedHashMap<>();
    Map<String, Integer> index = new LinkedHashMap<>();
    for (String d : topology.devices()) {
      Matcher m = TASK.matcher(d);
      if (m.matches()) {
        devices.computeIfAbsent(m.group(1), k -> new ArrayList<>()).add(m.group(3));
        index.put(m.group(1), Integer.parseInt(m.group(2)));
      }
    }
    List<String> out = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : devices.entrySet()) {
      int task = index.get(e.getKey());
      String at = cluster != null && task < cluster.size() ? " at " + cluster.address(task) : "";
      out.add(e.getKey() + at + ": " + String.join(", ", e.getValue()));
    }
    return out;
  }
}
