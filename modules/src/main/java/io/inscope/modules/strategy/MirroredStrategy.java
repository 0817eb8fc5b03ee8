package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Synchronous replication over N devices, as TensorFlow's MirroredStrategy: on one machine
 * ({@code mirrored}) or over every task of a cluster ({@code multi_worker_mirrored}, in-graph). Values
 * are reduced the way its {@code ReductionToOneDevice} does (AddN on the first replica's device,
 * divided by N, then an Identity on every replica's device).
 */
public final class MirroredStrategy implements Strategy {
  private final String name;
  private final List<String> devices;

  public MirroredStrategy(List<String> devices) {
    this("mirrored", devices);
  }

  /**
   * @param name the YAML name: {@code mirrored}, or {@code multi_worker_mirrored} over the devices
   *     of every task of a cluster (e.g. {@code /job:worker/replica:0/task:1/device:CPU:0})
   */
  public MirroredStrategy(String name, List<String> devices) {
    this.name = name;
    if (devices.isEmpty()) {
      throw new IllegalArgumentException(name + " needs at least one device");
    }
    this.devices = List.copyOf(devices);
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

  @Override
  public <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica) {
    if (perReplica.size() != devices.size()) {
      throw new IllegalArgumentException(
          name + " over " + devices.size() + " replicas reduces " + devices.size() + " values, got " + perReplica.size());
    }
    if (perReplica.size() == 1) {
      return perReplica;
    }
    Ops reduceOn = tf.withDevice(Placement.spec(devices.get(0))).withSubScope("all_reduce");
    Operand<T> sum = reduceOn.math.addN(perReplica);
    Operand<T> mean = reduceOn.math.div(sum, reduceOn.dtypes.cast(reduceOn.constant((float) perReplica.size()), sum.type()));
    List<Operand<T>> out = new ArrayList<>();
    for (String d : devices) {
      out.add(tf.withDevice(Placement.spec(d)).withSubScope("broadcast").identity(mean));
    }
    return out;
  }
}
