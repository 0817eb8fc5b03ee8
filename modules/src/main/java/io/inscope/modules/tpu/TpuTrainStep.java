package io.inscope.modules.tpu;

import io.inscope.modules.strategy.InitialValue;
import io.inscope.modules.strategy.Placement;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;

/**
 * One synchronous training step over the cores of a TPU host, per TensorFlow's TPUStrategy graph
 * contract: the global batch fed on the host CPU and split per replica into {@code
 * TPUReplicatedInput}s; trainable weights as {@link TpuVariable}s whose handles enter the cluster
 * as mirrored {@code TPUReplicatedInput}s; inside the {@link TpuCluster}, the loss of the replica's
 * slice, its gradients, their mean over replicas ({@code CrossReplicaSum} via {@link
 * TpuStrategy#allReduceMean}) and a gradient-descent update of every core's copy; the per-replica
 * losses fanned out by {@code TPUReplicatedOutput} and averaged on the host.
 *
 * @param cluster the replicated computation: its ops, per-replica outputs, compilation status
 * @param graphDef the graph to send to the TPU host's master, every cluster op annotated
 * @param features the global batch {@code [batch, ...]}
 * @param labels the global labels
 * @param initializer assigns every variable's initial value to every core's copy
 * @param loss the mean loss over the global batch; fetching it runs one step on every core
 * @param variables the weights, one resource variable per core each
 */
public record TpuTrainStep(
    TpuCluster.Replicated cluster,
    GraphDef graphDef,
    Placeholder<TFloat32> features,
    Placeholder<TFloat32> labels,
    Op initializer,
    Operand<TFloat32> loss,
    List<TpuVariable<TFloat32>> variables) {

  /** A trainable float32 weight of the model. */
  public record Weight(String name, Shape shape, InitialValue<TFloat32> initializer) {}

  /** The loss of one replica's slice, from its features, labels and the weights' values. */
  @FunctionalInterface
  public interface ReplicaLoss {
    Operand<TFloat32> apply(Ops tf, Operand<TFloat32> features, Operand<TFloat32> labels, List<Operand<TFloat32>> weights);
  }

  /**
   * @param batch the global batch shape of the features; its first dimension must divide evenly
   * @param learningRate the gradient-descent step size
   * @param seed the job seed; each weight's initializer draws from a seed of its own
   */
  public static TpuTrainStep build(
      Graph graph, TpuStrategy strategy, Shape batch, Shape labelBatch, List<Weight> weights,
      float learningRate, long seed, ReplicaLoss lossFn) {
    int n = strategy.replicas();
    if (batch.size(0) % n != 0) {
      throw new IllegalArgumentException(
          "batch_size " + batch.size(0) + " does not divide evenly over " + n + " TPU replicas");
    }
    Ops host = Ops.create(graph).withDevice(Placement.spec(strategy.hostDevice()));
    Placeholder<TFloat32> x = host.withName("features").placeholder(TFloat32.class, Placeholder.shape(batch));
    Placeholder<TFloat32> y = host.withName("labels").placeholder(TFloat32.class, Placeholder.shape(labelBatch));
    List<List<Operand<?>>> inputs = List.of(split(host, x, n), split(host, y, n));
    List<TpuVariable<TFloat32>> variables = new ArrayList<>();
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < weights.size(); i++) {
      Weight w = weights.get(i);
      TpuVariable<TFloat32> v = TpuVariable.create(graph, w.name(), w.shape(), TFloat32.class,
          strategy.replicaDevices(), w.initializer(), seed * 31 + i);
      variables.add(v);
      assigns.addAll(v.initializers());
    }
    Op init = Ops.create(graph).withName("tpu_variables_init").withControlDependencies(assigns).noOp();
    TpuCluster.Replicated cluster = TpuCluster.replicate(graph, "cluster", n, inputs, List.copyOf(variables),
        (tf, args, handles) -> body(graph, strategy, tf, args, handles, learningRate, lossFn));
    List<Operand<TFloat32>> shards = new ArrayList<>();
    for (Output<?> o : cluster.outputs().get(0)) {
      shards.add(o.expect(TFloat32.class));
    }
    Operand<TFloat32> loss = Ops.create(graph).withDevice(Placement.spec(strategy.hostDevice())).withName("loss")
        .math.div(host.math.addN(shards), host.constant((float) n));
    return new TpuTrainStep(cluster, TpuCluster.annotate(graph, cluster), x, y, init, loss, variables);
  }

  @SuppressWarnings("unchecked")
  private static TpuCluster.Body body(
      Graph graph, TpuStrategy strategy, Ops tf, List<Operand<?>> args, List<Operand<?>> handles,
      float learningRate, ReplicaLoss lossFn) {
    List<Operand<TFloat32>> values = new ArrayList<>();
    Output<?>[] reads = new Output<?>[handles.size()];
    for (int i = 0; i < handles.size(); i++) {
      Operand<TFloat32> read = tf.readVariableOp(handles.get(i), TFloat32.class);
      values.add(read);
      reads[i] = read.asOutput();
    }
    Operand<TFloat32> loss = lossFn.apply(tf, (Operand<TFloat32>) args.get(0), (Operand<TFloat32>) args.get(1), values);
    Output<?>[] grads = graph.addGradients("gradients", new Output<?>[] {loss.asOutput()}, reads, null);
    Operand<TFloat32> rate = tf.constant(learningRate);
    List<Op> updates = new ArrayList<>();
    for (int i = 0; i < handles.size(); i++) {
      Operand<TFloat32> mean = strategy.allReduceMean(tf, List.of((Operand<TFloat32>) grads[i])).get(0);
      updates.add(tf.train.resourceApplyGradientDescent(handles.get(i), rate, mean));
    }
    return new TpuCluster.Body(List.of(loss), updates);
  }

  private static List<Operand<?>> split(Ops host, Operand<TFloat32> x, int n) {
    List<Operand<?>> parts = new ArrayList<>();
    host.split(host.constant(0), x, (long) n).forEach(parts::add);
    return parts;
  }
}
