package io.inscope.modules.cluster;

import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import java.util.List;
import java.util.Locale;
import org.tensorflow.proto.ConfigProto;

/**
 * Initializes this machine as the system: lists the devices an in-process session sees and picks
 * the replica devices. one_device: the first GPU, else the first CPU. mirrored: N GPUs where there
 * are GPUs (default all of them), else N logical CPU devices made with {@code
 * ConfigProto.device_count} (default 1). The session's thread pools come from {@code
 * train.threads}.
 */
public final class LocalSystem implements SystemInitializer {

  @Override
  public ConfigProto sessionConfig(JobSpec job) {
    ConfigProto.Builder b = ConfigProto.newBuilder()
        .setAllowSoftPlacement(true)
        .setIntraOpParallelismThreads(job.train().threads().intraOp())
        .setInterOpParallelismThreads(job.train().threads().interOp());
    if (job.strategy().type() == StrategyType.MIRRORED && job.strategy().replicas() != null) {
      b.putDeviceCount("CPU", job.strategy().replicas());
    }
    return Precisions.apply(b, job.precision()).build();
  }

  @Override
  public Topology initialize(JobSpec job) throws ClusterUnavailableException {
    StrategyType type = job.strategy().type();
    if (!job.cluster().isLocal()) {
      throw new ClusterUnavailableException(
          "strategy '" + type.name().toLowerCase(Locale.ROOT) + "' runs on this machine; a cluster"
              + " (tpu or workers) needs strategy: tpu or multi_worker_mirrored");
    }
    List<String> devices = Devices.list("", sessionConfig(job));
    List<String> gpus = devices.stream().filter(d -> Devices.type(d).equals("GPU")).toList();
    List<String> cpus = devices.stream().filter(d -> Devices.type(d).equals("CPU")).toList();
    if (cpus.isEmpty()) {
      throw new ClusterUnavailableException("no CPU device found (found: " + devices + ")");
    }
    if (type == StrategyType.ONE_DEVICE) {
      return new Topology("", devices, List.of(gpus.isEmpty() ? cpus.get(0) : gpus.get(0)), cpus.get(0));
    }
    List<String> pool = gpus.isEmpty() ? cpus : gpus;
    int replicas = job.strategy().replicas() != null ? job.strategy().replicas() : pool.size();
    if (replicas > pool.size()) {
      throw new ClusterUnavailableException(
          "mirrored asks for " + replicas + " replicas but this machine has " + pool.size() + " "
              + (gpus.isEmpty() ? "CPU" : "GPU") + " device(s) (found: " + devices + "); lower strategy.replicas");
    }
    return new Topology("", devices, pool.subList(0, replicas), cpus.get(0));
  }
}
