package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.family.TNumber;

/**
 * A distribution strategy over an initialized topology: which devices hold the replicas, and how a
 * per-replica value becomes one value that every replica agrees on.
 *
 * <p>A strategy creates nothing by itself; variables are created through a {@link StrategyScope}
 * opened on it.
 */
public interface Strategy {

  /** The YAML name ({@code one_device}, {@code mirrored}, ...). */
  String name();

  /** One device string per replica, in replica order. */
  List<String> replicaDevices();

  /** The device that holds host-side work: reductions, metric sums, checkpoint reads. */
  String hostDevice();

  default int replicas() {
    return replicaDevices().size();
  }

  /**
   * Every replica that takes part in a step, this process's and other tasks' (TensorFlow's {@code
   * num_replicas_in_sync}): {@link #replicas()} unless the strategy runs between graphs.
   */
  default int replicasInSync() {
    return replicas();
  }

  /**
   * Mean of one value per replica, returned once per replica, each placed on its replica's device.
   * Every returned value is the same tensor value, so identical updates follow.
   *
   * <p>Layers also call it in the forward pass (synchronized batch normalization), and the step
   * differentiates through it: the ops must have gradients in TensorFlow's C++ registry, or one
   * registered by the strategy (as the TPU strategy does for {@code CrossReplicaSum}).
   */
  <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica);

  /**
   * {@link #allReduceMean} of several values at once, so a strategy can pack them into fewer
   * transfers (the gradients of a step go through here).
   *
   * @param values per value, one operand per replica, in replica order
   * @return per value, its mean on each replica's device, in replica order
   */
  default <T extends TNumber> List<List<Operand<T>>> allReduceMeans(Ops tf, List<List<Operand<T>>> values) {
    List<List<Operand<T>>> out = new ArrayList<>();
    for (List<Operand<T>> perReplica : values) {
      out.add(allReduceMean(tf, perReplica));
    }
    return out;
  }

  /**
   * The share of the training data this process reads: all of it, unless the strategy runs
   * between graphs, where each task reads its own share ({@link CollectiveStrategy}).
   */
  default io.inscope.modules.data.Shards inputShards() {
    return io.inscope.modules.data.Shards.ALL;
  }

  /**
   * The mean over the tasks of a between-graph job of each value (one value per task: a step's
   * loss and metric sums over this task's batch); the values themselves when one process feeds
   * every replica.
   */
  default List<Operand<org.tensorflow.types.TFloat32>> meanAcrossTasks(Ops tf, List<Operand<org.tensorflow.types.TFloat32>> values) {
    return values;
  }

  /**
   * How the tasks of a between-graph job keep in step, built into the graph after every variable
   * exists; {@link Coordination#ALONE} when one process runs the job.
   */
  default Coordination coordination(StrategyScope scope) {
    return Coordination.ALONE;
  }

  /**
   * The graph the session must run in place of {@code built}, when this strategy can only express
   * its step on the GraphDef (a TPU strategy marks gradient ops for its compiler there); empty when
   * the session runs {@code built} as it is.
   */
  default Optional<GraphDef> sessionGraph(Graph built) {
    return Optional.empty();
  }

  /**
   * Checks that the device accepted the step, made once on the training session before the first
   * step (a TPU host reports its compilation result); nothing to check by default.
   */
  default void checkCompiled(Session session) throws StepCompilationException {}
}
