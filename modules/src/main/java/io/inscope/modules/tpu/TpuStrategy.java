package io.inscope.modules.tpu;

import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.Placement;
import io.inscope.modules.strategy.ReplicatingStrategy;
import io.inscope.modules.strategy.StepCompilationException;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TNumber;

/**
 * Synchronous replication over the cores of a TPU host, as TensorFlow's TPUStrategy. Each variable
 * has one resource-variable component per core; the step is built once inside a {@link
 * TpuCluster} per {@link #replicate} call, with every variable entering as a mirrored {@code
 * TPUReplicatedInput}; a value reduced across replicas is one tensor of that computation, so
 * {@link #allReduceMean} scales it by {@code 1/replicas} and sums it with {@code CrossReplicaSum}
 * over the group of all replicas, as TPUStrategy's MEAN does.
 *
 * <pre>
 * cluster: {tpu: grpc://10.0.0.2:8470}
 * strategy: {type: tpu, replicas: 8}
 * </pre>
 */
public final class TpuStrategy implements ReplicatingStrategy {
  private final List<String> cores;
  private final String host;
  private final List<TpuCluster.Replicated> clusters = new ArrayList<>();

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
    CrossReplicaSumGradient.register();
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

  @Override
  public List<List<Operand<TFloat32>>> replicate(
      StrategyScope scope, String name, List<Operand<TFloat32>> inputs, List<Op> after,
      Function<List<Operand<TFloat32>>, Computation> body) {
    int n = cores.size();
    Ops onHost = scope.tf().withDevice(Placement.spec(host));
    List<List<Operand<?>>> perReplica = new ArrayList<>();
    for (Operand<TFloat32> input : inputs) {
      List<Operand<?>> parts = new ArrayList<>();
      if (n == 1) {
        parts.add(input);
      } else {
        onHost.split(onHost.constant(0), input, (long) n).forEach(parts::add);
      }
      perReplica.add(parts);
    }
    List<MirroredVariable<?>> variables = scope.variables();
    TpuCluster.Replicated cluster = TpuCluster.replicate(scope.graph(), name, n, perReplica, variables, after,
        (tf, args, handles) -> scope.replicated(tf, handles, () -> {
          List<Operand<TFloat32>> slices = new ArrayList<>();
          args.forEach(a -> slices.add(a.asOutput().expect(TFloat32.class)));
          Computation c = body.apply(slices);
          return new TpuCluster.Body(new ArrayList<>(c.outputs()), c.operations());
        }));
    clusters.add(cluster);
    List<List<Operand<TFloat32>>> outputs = new ArrayList<>();
    for (List<Output<?>> shards : cluster.outputs()) {
      List<Operand<TFloat32>> typed = new ArrayList<>();
      shards.forEach(o -> typed.add(o.expect(TFloat32.class)));
      outputs.add(typed);
    }
    return outputs;
  }

  /** The clusters built so far, in order. */
  public List<TpuCluster.Replicated> clusters() {
    return List.copyOf(clusters);
  }

  /**
   * The graph to send to the TPU host's master: {@code graph} with {@code _tpu_replicate} on every
   * op of every cluster this strategy built in it.
   */
  public GraphDef annotatedGraphDef(Graph graph) {
    return TpuCluster.annotate(graph, clusters);
  }

  /** The annotated copy: gradient ops cannot carry {@code _tpu_replicate} when TF Java builds them. */
  @Override
  public Optional<GraphDef> sessionGraph(Graph built) {
    return Optional.of(annotatedGraphDef(built));
  }

  @Override
  public void checkCompiled(Session session) throws StepCompilationException {
    TpuCompilation.check(session, clusters());
  }
}
