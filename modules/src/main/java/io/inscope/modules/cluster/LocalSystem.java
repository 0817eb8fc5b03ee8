package io.inscope.modules.cluster;

import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import java.util.List;
import org.tensorflow.proto.ConfigProto;

/**
 * Initializes this machine as the system: lists the devices an in-process session sees and picks
 * the replica device (the first GPU, else the first CPU).
 */
public final class LocalSystem {

  /** The session configuration every session of the job uses. */
  public static ConfigProto sessionConfig(JobSpec job) {
    return ConfigProto.newBuilder().setAllowSoftPlacement(true).build();
  }

  public Topology initialize(JobSpec job) throws ClusterUnavailableException {
    if (job.strategy().type() != StrategyType.ONE_DEVICE || !job.cluster().isLocal()) {
      throw new ClusterUnavailableException(
          "strategy '" + job.strategy().type().name().toLowerCase(java.util.Locale.ROOT)
              + "'" + (job.cluster().isLocal() ? "" : " with a remote cluster")
              + " is not available in this build of the runner; use strategy: {type: one_device}"
              + " on this machine");
    }
    List<String> devices = Devices.list("", sessionConfig(job));
    List<String> gpus = devices.stream().filter(d -> Devices.type(d).equals("GPU")).toList();
    List<String> cpus = devices.stream().filter(d -> Devices.type(d).equals("CPU")).toList();
    if (cpus.isEmpty()) {
      throw new ClusterUnavailableException("no CPU device found (found: " + devices + ")");
    }
    String replica = gpus.isEmpty() ? cpus.get(0) : gpus.get(0);
    return new Topology("", devices, List.of(replica), cpus.get(0));
  }
}
