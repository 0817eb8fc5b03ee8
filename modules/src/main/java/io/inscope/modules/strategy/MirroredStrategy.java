package io.inscope.modules.strategy;

import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.family.TNumber;

/**
 * Synchronous replication over N devices, as TensorFlow's MirroredStrategy: on one machine
 * ({@code mirrored}) or over every task of a cluster ({@code multi_worker_mirrored}, in-graph).
 * Values are reduced by its {@link Reduction}: {@link HubReduction} (TensorFlow's {@code
 * ReductionToOneDevice}, the default) or {@link RingReduction} (no hub).
 */
public final class MirroredStrategy implements Strategy {
  private final String name;
  private final List<String> devices;
  private final Reduction reduction;

  public MirroredStrategy(List<String> devices) {
    this("mirrored", devices, new HubReduction());
  }

  /**
   * @param name the YAML name: {@code mirrored}, or {@code multi_worker_mirrored} over the devices
   *     of every task of a cluster (e.g. {@code /job:worker/replica:0/task:1/device:CPU:0})
   */
  public MirroredStrategy(String name, List<String> devices, Reduction reduction) {
    this.name = name;
    if (devices.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one device");
    }
    this.devices = List.copyOf(devices);
    this.reduction = reduction;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public List<String> replicaDevices() {
    return devices;
  }

  @Override
  public String hostDevice() {
    return devices.get(0);
  }

  /**
   * The built graph with every replica's gradient ops placed on that replica's device (see {@link
   * GradientPlacement}); nothing to change with one replica.
   */
  @Override
  public Optional<GraphDef> sessionGraph(Graph built) {
    return devices.size() == 1 ? Optional.empty() : Optional.of(GradientPlacement.colocated(built.toGraphDef()));
  }

  /** How the replicas agree on a mean. */
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica) {
    return allReduceMeans(tf, List.of(perReplica)).get(0);
  }

  @Override
  public <T extends TNumber> List<List<Operand<T>>> allReduceMeans(Ops tf, List<List<Operand<T>>> values) {
    for (List<Operand<T>> perReplica : values) {
      if (perReplica.size() != devices.size()) {
        throw new IllegalArgumentException(
            name + " over " + devices.size() + " replicas reduces " + devices.size() + " values, got " + perReplica.size());
      }
    }
    if (devices.size() == 1) {
      return values;
    }
    return reduction.mean(tf, devices, values);
  }
}
