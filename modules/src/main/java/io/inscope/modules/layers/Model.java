package io.inscope.modules.layers;

import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.regularizers.RegularizerSpec;
import io.inscope.modules.strategy.ReplicaContext;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A graph of layers. {@link #build()} runs the shapes from the model's inputs through the layers
 * in topological order, each creating its weights from the shapes of its inputs (the delayed
 * initialization of Keras); {@link #call} applies them in the same order.
 */
public final class Model {
  private final ModelSpec spec;
  private final List<LayerNodeSpec> order;
  private final List<Layer> layers;
  private final List<LayerServices.Penalty> penalties;
  private final Map<String, Integer> index = new HashMap<>();
  private Shape outputShape;

  /**
   * @param layers one per entry of {@code spec.topologicalOrder()}, in that order
   * @param penalties filled as the layers create their weights
   */
  Model(ModelSpec spec, List<Layer> layers, List<LayerServices.Penalty> penalties) {
    this.spec = spec;
    this.order = spec.topologicalOrder();
    this.layers = List.copyOf(layers);
    this.penalties = penalties;
    for (int i = 0; i < spec.layers().size(); i++) {
      index.putIfAbsent(spec.layers().get(i).name(), i);
    }
  }

  /** Builds every layer inside the open strategy scope; returns the shape of one output example. */
  public Shape build() {
    if (outputShape != null) {
      throw new IllegalStateException("the model is already built");
    }
    Map<String, Shape> shapes = new HashMap<>(inputShapes());
    for (int i = 0; i < order.size(); i++) {
      LayerNodeSpec node = order.get(i);
      List<Shape> in = node.inputs().stream().map(shapes::get).toList();
      Layer layer = layers.get(i);
      int before = penalties.size();
      try {
        shapes.put(node.name(), layer instanceof MultiInputLayer m ? m.build(in) : layer.build(in.get(0)));
        checkRegularizers(node, penalties.subList(before, penalties.size()));
      } catch (LayerShapeException e) {
        throw e.at(path(node));
      }
    }
    outputShape = shapes.get(spec.output());
    return outputShape;
  }

  /** The dotted path at which the job file wrote a layer: {@code model.layers[3].add}. */
  public String path(LayerNodeSpec node) {
    return "model.layers[" + index.get(node.name()) + "]." + node.kind();
  }

  private static void checkRegularizers(LayerNodeSpec node, List<LayerServices.Penalty> added) {
    check(node, node.kernelRegularizer(), "kernel", added);
    check(node, node.biasRegularizer(), "bias", added);
  }

  private static void check(LayerNodeSpec node, RegularizerSpec r, String weight, List<LayerServices.Penalty> added) {
    if (r != null && added.stream().noneMatch(p -> p.weight().name().equals(node.name() + "." + weight))) {
      throw new LayerShapeException(node.name(), weight + "_regularizer: a " + node.kind() + " layer has no weight named "
          + weight + (weight.equals("bias") ? " (use_bias: false?)" : ""));
    }
  }

  /**
   * The shape of one example's features as the model is fed them in training: its input's, or for
   * several inputs {@code [n]}, all their values in a row ({@link ModelSpec#featureRow()}).
   */
  public Shape inputShape() {
    return shape(spec.featureRow());
  }

  /** Each input's shape by name, in declared order. */
  public Map<String, Shape> inputShapes() {
    Map<String, Shape> shapes = new LinkedHashMap<>();
    spec.namedInputs().forEach((name, in) -> shapes.put(name, shape(in)));
    return shapes;
  }

  /** True when the model has more than one input. */
  public boolean multiInput() {
    return spec.namedInputs().size() > 1;
  }

  private static Shape shape(InputSpec in) {
    return Shape.of(in.shape().stream().mapToLong(Integer::longValue).toArray());
  }

  public Shape outputShape() {
    if (outputShape == null) {
      throw new IllegalStateException("build() the model first");
    }
    return outputShape;
  }

  /** The layers in the order they are built and applied. */
  public List<Layer> layers() {
    return layers;
  }

  /**
   * The model applied to a batch on one replica.
   *
   * @param input {@code [batch, ...]} of {@link #inputShape()}: with several inputs, each row holds
   *     their values one after the other, which this splits and reshapes into the inputs
   */
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    return call(List.of(ctx), List.of(input)).get(0);
  }

  /** The model applied to a batch on one replica, each input given by name ({@link #inputShapes()}). */
  public Operand<TFloat32> call(CallContext ctx, Map<String, ? extends Operand<TFloat32>> inputs) {
    return callNamed(List.of(ctx), List.of(inputs)).get(0);
  }

  /**
   * The model applied on every replica of a step, layer by layer: each layer on every replica
   * before the next layer, so that a {@link CrossReplicaLayer} sees all replicas' inputs.
   *
   * @param contexts one per replica, in replica order
   * @param inputs each replica's batch (as {@link #call(CallContext, Operand)} takes it), in the
   *     same order
   * @return each replica's output, in the same order
   */
  public List<Operand<TFloat32>> call(List<CallContext> contexts, List<Operand<TFloat32>> inputs) {
    List<Map<String, Operand<TFloat32>>> named = new ArrayList<>();
    for (int r = 0; r < contexts.size(); r++) {
      named.add(named(contexts.get(r), inputs.get(r)));
    }
    return callNamed(contexts, named);
  }

  /** Splits a batch of rows holding every input's values into the inputs, by name. */
  private Map<String, Operand<TFloat32>> named(CallContext ctx, Operand<TFloat32> input) {
    Map<String, Shape> shapes = inputShapes();
    if (shapes.size() == 1) {
      return Map.of(shapes.keySet().iterator().next(), input);
    }
    Ops tf = ctx.tf().withSubScope("inputs");
    Map<String, Operand<TFloat32>> inputs = new HashMap<>();
    long offset = 0;
    for (Map.Entry<String, Shape> in : shapes.entrySet()) {
      long n = in.getValue().size();
      Operand<TFloat32> values = tf.slice(input, tf.constant(new int[] {0, (int) offset}), tf.constant(new int[] {-1, (int) n}));
      long[] dims = new long[in.getValue().numDimensions() + 1];
      dims[0] = -1;
      System.arraycopy(in.getValue().asArray(), 0, dims, 1, dims.length - 1);
      inputs.put(in.getKey(), tf.reshape(values, tf.constant(dims)));
      offset += n;
    }
    return inputs;
  }

  /** As {@link #call(List, List)}, each replica's inputs given by name. */
  public List<Operand<TFloat32>> callNamed(
      List<CallContext> contexts, List<? extends Map<String, ? extends Operand<TFloat32>>> inputs) {
    int n = contexts.size();
    List<Map<String, Operand<TFloat32>>> values = new ArrayList<>();
    for (Map<String, ? extends Operand<TFloat32>> in : inputs) {
      if (!in.keySet().equals(inputShapes().keySet())) {
        throw new IllegalArgumentException("the model's inputs are " + inputShapes().keySet() + " (got " + in.keySet() + ")");
      }
      values.add(new HashMap<>(in));
    }
    for (int i = 0; i < order.size(); i++) {
      LayerNodeSpec node = order.get(i);
      Layer layer = layers.get(i);
      if (layer instanceof CrossReplicaLayer cross) {
        List<Operand<TFloat32>> in = new ArrayList<>();
        values.forEach(v -> in.add(v.get(node.inputs().get(0))));
        List<Operand<TFloat32>> out = cross.call(contexts, in);
        for (int r = 0; r < n; r++) {
          values.get(r).put(node.name(), out.get(r));
        }
        continue;
      }
      for (int r = 0; r < n; r++) {
        Map<String, Operand<TFloat32>> v = values.get(r);
        List<Operand<TFloat32>> in = new ArrayList<>();
        node.inputs().forEach(name -> in.add(v.get(name)));
        v.put(node.name(), layer instanceof MultiInputLayer m ? m.call(contexts.get(r), in) : layer.call(contexts.get(r), in.get(0)));
      }
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    values.forEach(v -> out.add(v.get(spec.output())));
    return out;
  }

  /** True when some layer has a kernel or bias regularizer. */
  public boolean regularized() {
    return !penalties.isEmpty();
  }

  /**
   * The sum of the layers' weight penalties as {@code replica} reads the weights (so the step's
   * gradients include them): {@code l1 · sum(|w|) + l2 · sum(w²)} per penalized weight.
   */
  public Operand<TFloat32> regularization(ReplicaContext replica) {
    Ops tf = replica.tf().withSubScope("regularization");
    Operand<TFloat32> total = tf.constant(0f);
    for (LayerServices.Penalty p : penalties) {
      Operand<TFloat32> w = replica.read(p.weight());
      RegularizerSpec r = p.regularizer();
      if (r.l1Factor() > 0) {
        total = tf.math.add(total, tf.math.mul(tf.constant((float) r.l1Factor()), sumAll(tf, tf.math.abs(w))));
      }
      if (r.l2Factor() > 0) {
        total = tf.math.add(total, tf.math.mul(tf.constant((float) r.l2Factor()), sumAll(tf, tf.math.square(w))));
      }
    }
    return total;
  }

  private static Operand<TFloat32> sumAll(Ops tf, Operand<TFloat32> x) {
    return tf.sum(tf.reshape(x, tf.constant(new long[] {-1})), tf.constant(0));
  }
}
