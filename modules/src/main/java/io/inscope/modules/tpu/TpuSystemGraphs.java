package io.inscope.modules.tpu;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.op.Scope;

/**
 * The graphs that initialize and shut down the TPU system, as {@code tf.tpu.initialize_system} and
 * {@code shutdown_system} build them in graph mode: one op on {@code /device:TPU_SYSTEM:0}, which
 * the TPU host's session master rewrites into the per-host configuration ops. Each gets a graph of
 * its own: on a host without TPU, one TPU op anywhere in a graph makes every run of it fail.
 */
public final class TpuSystemGraphs {
  /** The device TensorFlow's graph-mode {@code initialize_system(job=None)} uses. */
  public static final String SYSTEM_DEVICE = "/device:TPU_SYSTEM:0";
  /** Name of the op whose output is the serialized {@code tensorflow.tpu.TopologyProto}. */
  public static final String CONFIGURE = "configure_distributed_tpu";
  public static final String SHUTDOWN = "shutdown_distributed_tpu";

  private TpuSystemGraphs() {}

  /**
   * Adds {@code ConfigureDistributedTPU} (attrs as graph-mode TensorFlow passes them: no embedding
   * config, compilation failures close the chips) to an empty graph; fetch {@link #CONFIGURE}:0.
   */
  public static GraphOperation initialize(Graph graph) {
    return graph.opBuilder("ConfigureDistributedTPU", CONFIGURE, systemScope(graph))
        .setAttr("embedding_config", "")
        .setAttr("tpu_embedding_config", "")
        .setAttr("is_global_init", false)
        .setAttr("compilation_failure_closes_chips", true)
        .setAttr("tpu_cancellation_closes_chips", 0L)
        .build();
  }

  /** Adds {@code ShutdownDistributedTPU} to an empty graph; run {@link #SHUTDOWN} as a target. */
  public static GraphOperation shutdown(Graph graph) {
    return graph.opBuilder("ShutdownDistributedTPU", SHUTDOWN, systemScope(graph)).build();
  }

  private static Scope systemScope(Graph graph) {
    return RawDeviceScope.onDevice(graph.baseScope(), SYSTEM_DEVICE);
  }
}
