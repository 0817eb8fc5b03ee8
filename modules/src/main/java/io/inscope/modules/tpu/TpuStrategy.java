package io.inscope.modules.tpu;

import io.inscope.modules.strategy.Strategy;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.family.TNumber;

/**
 * Synchronous replication over the cores of a TPU host, as TensorFlow's TPUStrategy. The replica
 * computation is built once inside a {@link TpuCluster}, so a value reduced across replicas is
 * one tensor of that computation: {@link #allReduceMean} scales it by {@code 1/replicas} and sums
 * it with {@code CrossReplicaSum} over the group of all replicas, as TPUStrategy's MEAN does.
 *
 * <pre>
 * cluster: {tpu: grpc://10.0.0.2:8470}
 * strategy: {type: tpu, replicas: 8}
 * </pre>
 */
public final class TpuStrategy implements Strategy {
  private final List<String> cores;
  private final String host;

  /**
   * @param cores one TPU core device per replica
   * @param host the TPU host's CPU device (input splitting, loss averaging)
   */
  public TpuStrategy(List<String> cores, String host) {
    if (cores.isEmpty()) {
      throw new IllegalArgumentException("tpu needs at least one TPU core");
    }
    this.cores = List.copyOf(cores);
    this.host = host;
  }

  @Override
  public String name() {
    return "tpu";
  }

  @Override
  public List<String> replicaDevices() {
    return cores;
  }

  @Override
  public String hostDevice() {
    return host;
  }

  /**
   * @param perReplica exactly one value: the replica computation's, inside the TPU cluster
   * @return the mean over all replicas, as seen by every replica
   */
  @Override
  public <T extends TNumber> List<Operand<T>> allReduceMean(Ops tf, List<Operand<T>> perReplica) {
    if (perReplica.size() != 1) {
      throw new IllegalArgumentException(
          "tpu reduces the one value of the replicated computation (built once inside the TPU "
              + "cluster), got " + perReplica.size());
    }
    Operand<T> x = perReplica.get(0);
    int[] all = new int[cores.size()];
    for (int i = 0; i < all.length; i++) {
      all[i] = i;
    }
    Operand<T> scaled = tf.math.mul(x, tf.dtypes.cast(tf.constant(1.0f / cores.size()), x.type()));
    return List.of(tf.tpu.crossReplicaSum(scaled, tf.constant(new int[][] {all})));
  }
}
