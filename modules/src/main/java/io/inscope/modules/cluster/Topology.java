package io.inscope.modules.cluster;

import java.util.List;

/**
 * What the initialized system offers: every device the session sees, the devices that hold the
 * replicas (one per replica, in replica order), and the host device where input and reductions go.
 *
 * @param target the session target ({@code ""} for in-process)
 * @param devices every device name the session lists, e.g. {@code
 *     /job:localhost/replica:0/task:0/device:CPU:0}
 * @param replicaDevices one device name per replica
 * @param hostDevice the device for host-side work (reductions, checkpoints)
 * @param task between graphs ({@code multi_worker_mirrored}, {@code mode: between_graph}): this
 *     process's task, 0 being the chief, and the cluster's task count, the replica devices being
 *     this task's own; null when one process builds the graph of every replica
 */
public record Topology(
    String target, List<String> devices, List<String> replicaDevices, String hostDevice, Task task) {

  /** One task of a between-graph cluster. */
  public record Task(int index, int count) {}

  public Topology(String target, List<String> devices, List<String> replicaDevices, String hostDevice) {
    this(target, devices, replicaDevices, hostDevice, null);
  }

  public Topology {
    devices = List.copyOf(devices);
    replicaDevices = List.copyOf(replicaDevices);
    if (replicaDevices.isEmpty()) {
      throw new IllegalArgumentException("a topology needs at least one replica device");
    }
  }

  public int replicas() {
    return replicaDevices.size();
  }

  /** The devices of one type ({@code CPU}, {@code GPU}, {@code TPU}), in listing order. */
  public List<String> devicesOfType(String type) {
    return devices.stream().filter(d -> Devices.type(d).equals(type)).toList();
  }
}
