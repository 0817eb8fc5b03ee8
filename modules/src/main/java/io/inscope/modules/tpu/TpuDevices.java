package io.inscope.modules.tpu;

import io.inscope.modules.cluster.ClusterUnavailableException;
import io.inscope.modules.cluster.Devices;
import io.inscope.modules.cluster.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Picks the replica devices from what the TPU host's master lists, with the checks of TensorFlow's
 * resolver ({@code num_accelerators}): a {@code TPU_SYSTEM} device, TPU cores, and the same core
 * count on every host.
 */
final class TpuDevices {
  private static final Pattern TASK = Pattern.compile(".*/task:(\\d+)/.*");

  private TpuDevices() {}

  /**
   * @param replicas {@code strategy.replicas}; null takes every core
   */
  static Topology select(List<String> devices, Integer replicas, TpuAddress address)
      throws ClusterUnavailableException {
    String where = address.isLocal() ? "this process (cluster.tpu: local)" : address.master();
    List<String> system = ofType(devices, "TPU_SYSTEM");
    List<String> cores = ofType(devices, "TPU");
    List<String> cpus = ofType(devices, "CPU");
    if (system.isEmpty() || cores.isEmpty()) {
      throw new ClusterUnavailableException(
          "no " + (system.isEmpty() ? "TPU_SYSTEM device" : "TPU cores") + " at " + where
              + " (found: " + shortNames(devices) + "); is it a TPU host? use strategy: mirrored"
              + " to run without a TPU");
    }
    Map<String, Long> perHost = cores.stream()
        .collect(Collectors.groupingBy(TpuDevices::task, LinkedHashMap::new, Collectors.counting()));
    if (perHost.values().stream().distinct().count() > 1) {
      throw new ClusterUnavailableException(
          "the TPU hosts at " + where + " have different core counts (cores per task: " + perHost
              + "); every TPU host must offer the same number of cores");
    }
    int n = replicas != null ? replicas : cores.size();
    if (n > cores.size()) {
      throw new ClusterUnavailableException(
          "strategy.replicas is " + n + " but " + where + " has " + cores.size() + " TPU cores ("
              + shortNames(cores) + "); lower strategy.replicas or leave it unset for all cores");
    }
    String host = cpus.isEmpty() ? cores.get(0) : cpus.get(0);
    return new Topology(address.master(), devices, cores.subList(0, n), host);
  }

  static List<String> ofType(List<String> devices, String type) {
    return devices.stream().filter(d -> Devices.type(d).equals(type)).toList();
  }

  private static String task(String device) {
    Matcher m = TASK.matcher(device);
    return m.matches() ? m.group(1) : "0";
  }

  /** {@code /job:worker/replica:0/task:0/device:CPU:0} as {@code CPU:0} (task kept when not 0). */
  static String shortName(String device) {
    int at = device.lastIndexOf("device:");
    String tail = at < 0 ? device : device.substring(at + "device:".length());
    String t = task(device);
    return t.equals("0") ? tail : "task:" + t + "/" + tail;
  }

  static String shortNames(List<String> devices) {
    return devices.isEmpty() ? "no devices" : devices.stream().map(TpuDevices::shortName).collect(Collectors.joining(", "));
  }
}
