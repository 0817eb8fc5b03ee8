package io.inscope.modules.tpu;

import io.inscope.configs.JobSpec;
import io.inscope.modules.cluster.ClusterUnavailableException;
import io.inscope.modules.cluster.Devices;
import io.inscope.modules.cluster.SystemInitializer;
import io.inscope.modules.cluster.Topology;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TargetSessions;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TString;

/**
 * Phase 1 for {@code strategy: {type: tpu}}, as {@code tf.tpu.experimental.initialize_tpu_system}
 * does it in graph mode: resolve the address, list the devices the TPU host's master offers
 * (within {@code cluster.deadline}), require a {@code TPU_SYSTEM} device and TPU cores, then run
 * {@code ConfigureDistributedTPU} in a graph of its own and read the topology back. {@link
 * #shutdown} runs {@code ShutdownDistributedTPU} when the job ends.
 *
 * <pre>
 * cluster: {tpu: grpc://10.0.0.2:8470, deadline: 60s}
 * strategy: {type: tpu}            # replicas: all cores (8 on a v2-8 or v3-8)
 * </pre>
 */
public final class TpuSystem implements SystemInitializer {
  private final Map<String, String> env;
  private volatile TpuTopology tpuTopology;

  public TpuSystem() {
    this(System.getenv());
  }

  /** @param env the environment {@code TPU_NAME} and {@code TPU_CONFIG} are read from */
  public TpuSystem(Map<String, String> env) {
    this.env = Map.copyOf(env);
  }

  /** Resolves the job's TPU address; see {@link TpuAddress#resolve}. */
  public TpuAddress address(JobSpec job) {
    return TpuAddress.resolve(job.cluster().tpu(), env);
  }

  /** As TensorFlow's TPUStrategy: soft placement, isolated session state, the resolver's cluster. */
  @Override
  public ConfigProto sessionConfig(JobSpec job) {
    return ConfigProto.newBuilder()
        .setAllowSoftPlacement(true)
        .setIsolateSessionState(true)
        .setClusterDef(address(job).clusterDef())
        .build();
  }

  @Override
  public Topology initialize(JobSpec job) throws ClusterUnavailableException {
    TpuAddress address = address(job);
    ConfigProto config = sessionConfig(job);
    Duration deadline = job.cluster().deadline().duration();
    String where = address.isLocal() ? "this process (cluster.tpu: local)" : address.master();
    List<String> devices =
        Deadlines.call(() -> Devices.list(address.master(), config), deadline, where, "listing its devices");
    Topology topology = TpuDevices.select(devices, job.strategy().replicas(), address);
    byte[] serialized =
        Deadlines.call(() -> configure(address, config), deadline, where, "initializing the TPU system");
    TpuTopology t = TpuTopology.parse(serialized);
    tpuTopology = t;
    if (t.cores() != 0 && t.cores() < topology.devicesOfType("TPU").size()) {
      shutdown(job, topology);
      throw new ClusterUnavailableException(
          "the TPU system at " + where + " initialized " + t.cores() + " cores but the master lists "
              + topology.devicesOfType("TPU").size() + "; restart the TPU and retry");
    }
    return topology;
  }

  /** The topology the last {@link #initialize} read back, or null before one succeeded. */
  public TpuTopology tpuTopology() {
    return tpuTopology;
  }

  private static byte[] configure(TpuAddress address, ConfigProto config) {
    try (Graph g = new Graph()) {
      TpuSystemGraphs.initialize(g);
      try (Session s = TargetSessions.open(g, address.master(), config);
          Result r = s.runner().fetch(TpuSystemGraphs.CONFIGURE).run()) {
        return ((TString) r.get(0)).asBytes().getObject();
      }
    }
  }

  @Override
  public void shutdown(JobSpec job, Topology topology) {
    if (tpuTopology == null) {
      return;
    }
    TpuAddress address = address(job);
    ConfigProto config = sessionConfig(job);
    try {
      Deadlines.call(() -> {
        try (Graph g = new Graph()) {
          TpuSystemGraphs.shutdown(g);
          try (Session s = TargetSessions.open(g, address.master(), config)) {
            s.runner().addTarget(TpuSystemGraphs.SHUTDOWN).run().close();
          }
        }
        return null;
      }, job.cluster().deadline().duration(), address.toString(), "shutting the TPU system down");
      tpuTopology = null;
    } catch (ClusterUnavailableException e) {
      // the job's result stands; the next initialization reconfigures the TPU system anyway
      System.err.println("warning: " + e.getMessage());
    }
  }
}
