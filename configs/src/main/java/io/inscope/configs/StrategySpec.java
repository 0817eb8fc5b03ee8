package io.inscope.configs;

import java.util.Locale;

/**
 * How the computation is replicated.
 *
 * <pre>
 * strategy: {type: mirrored, replicas: 4}
 * strategy: {type: multi_worker_mirrored, all_reduce: ring, bytes_per_pack: 4194304}
 * </pre>
 *
 * <table>
 * <tr><th>key</th><th>default</th><th>meaning</th></tr>
 * <tr><td>type</td><td>one_device</td><td>the strategy</td></tr>
 * <tr><td>replicas</td><td>see below</td><td>replicas (per task for multi_worker_mirrored)</td></tr>
 * <tr><td>all_reduce</td><td>auto</td><td>hub, ring, or auto (ring across tasks, hub on one machine)</td></tr>
 * <tr><td>mode</td><td>auto</td><td>multi_worker_mirrored: between_graph (every task trains its own
 *     share, collective all-reduce), in_graph (task 0 feeds every replica), or auto (between_graph with
 *     TF_CONFIG, in_graph with cluster.workers); see {@link ReplicationMode}</td></tr>
 * <tr><td>bytes_per_pack</td><td>4194304</td><td>ring: gradients are packed into, and large ones cut into,
 *     packs of at most this many bytes, each reduced on its own; 0 = one pack</td></tr>
 * </table>
 */
public record StrategySpec(
    @Doc("one_device | mirrored | multi_worker_mirrored | tpu") @Default("one_device")
        StrategyType type,
    @Doc("mirrored: local replicas (logical CPU devices or GPUs; default all GPUs, else 1); multi_worker_mirrored: replicas per task; tpu: cores")
        @OptionalKey
        @Range(min = 1)
        Integer replicas,
    @Doc("how replicas agree on gradients: ring (chunks passed around the replicas, no hub), hub (summed on the first replica's device, as TF's ReductionToOneDevice) or auto (ring for multi_worker_mirrored, hub on one machine)")
        @Default("auto")
        AllReduce allReduce,
    @Doc("ring: gradients are packed into, and large ones cut into, packs of at most this many bytes, each reduced on its own (TF's bytes_per_pack); 0 = one pack")
        @Default("4194304")
        @Range(min = 0)
        long bytesPerPack,
    @Doc("multi_worker_mirrored: between_graph (every task runs the job file with its TF_CONFIG, reads its own share of the data and all-reduces gradients with TensorFlow's collective ops), in_graph (task 0 builds one graph over every task and feeds every batch; the other tasks run `runner.jar worker`) or auto (between_graph when the cluster comes from TF_CONFIG, in_graph with cluster.workers)")
        @Default("auto")
        ReplicationMode mode) {
  /** {@code bytes_per_pack} when the file leaves it out: 4 MiB. */
  public static final long DEFAULT_BYTES_PER_PACK = 4L << 20;

  public StrategySpec(StrategyType type, Integer replicas) {
    this(type, replicas, AllReduce.AUTO, DEFAULT_BYTES_PER_PACK, ReplicationMode.AUTO);
  }

  public StrategySpec(StrategyType type, Integer replicas, AllReduce allReduce, long bytesPerPack) {
    this(type, replicas, allReduce, bytesPerPack, ReplicationMode.AUTO);
  }

  public StrategySpec {
    if (type == StrategyType.ONE_DEVICE && replicas != null && replicas != 1) {
      throw new SpecException(
          "replicas", "one_device has exactly 1 replica (got " + replicas + "); use type: mirrored");
    }
    if (type == StrategyType.TPU && allReduce != AllReduce.AUTO) {
      throw new SpecException(
          "all_reduce", "tpu reduces with CrossReplicaSum inside the TPU cluster; leave all_reduce out (got "
              + allReduce.name().toLowerCase(Locale.ROOT) + ")");
    }
    if (mode != ReplicationMode.AUTO && type != StrategyType.MULTI_WORKER_MIRRORED) {
      throw new SpecException("mode", "only multi_worker_mirrored runs across tasks; leave mode out for "
          + type.name().toLowerCase(Locale.ROOT) + " (got " + mode.name().toLowerCase(Locale.ROOT) + ")");
    }
    if (mode == ReplicationMode.BETWEEN_GRAPH && allReduce == AllReduce.HUB) {
      throw new SpecException("all_reduce", "between_graph all-reduces with TensorFlow's collective ops, which"
          + " have no hub; use ring or auto, or mode: in_graph for the hub");
    }
  }

  /** The reduction that runs: {@code auto} resolved to ring across tasks, hub on one machine. */
  public AllReduce resolvedAllReduce() {
    if (allReduce != AllReduce.AUTO) {
      return allReduce;
    }
    return type == StrategyType.MULTI_WORKER_MIRRORED ? AllReduce.RING : AllReduce.HUB;
  }

  /** The replica count when the file alone fixes it (one_device, or an explicit count), else null. */
  public Integer knownReplicas() {
    if (type == StrategyType.ONE_DEVICE) {
      return 1;
    }
    return type == StrategyType.MIRRORED ? replicas : null;
  }
}
