package io.inscope.modules.layers;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.ReplicaContext;
import io.inscope.modules.strategy.Strategy;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * One layer, built from its spec through the bound factories in a strategy scope (job seed 42),
 * called on placeholders; runs forward passes, gradients of {@code sum(output · w)} and the
 * layer's update ops.
 */
final class LayerHarness implements AutoCloseable {
  static final long SEED = 42;
  private static final Injector INJECTOR =
      Guice.createInjector(new InitializersModule(), new LayersModule());

  final Graph graph = new Graph();
  final StrategyScope scope;
  final Layer layer;
  final Shape outputExample;
  final List<Op> updates = new ArrayList<>();
  private final Shape example;
  private final long batch;
  private final Placeholder<TInt64> step;
  private Session session;

  /** The layer applied once: its input, output and gradients. */
  record Call(
      Placeholder<TFloat32> input,
      Operand<TFloat32> output,
      Operand<TFloat32> fetched,
      Placeholder<TFloat32> weights,
      List<String> gradientNames,
      Output<?>[] gradients) {}

  LayerHarness(LayerSpec spec, Shape example, long batch) {
    this(spec, example, batch, new OneDeviceStrategy("/device:CPU:0"));
  }

  LayerHarness(LayerSpec spec, Shape example, long batch, Strategy strategy) {
    this(new io.inscope.configs.layers.LayerNodeSpec(spec, ModelFactory.kindOf(spec), List.of("input"), true, null, null),
        example, batch, strategy);
  }

  /** The layer with its common keys ({@code trainable}, regularizers) as {@code node} sets them. */
  LayerHarness(io.inscope.configs.layers.LayerNodeSpec node, Shape example, long batch, Strategy strategy) {
    this.example = example;
    this.batch = batch;
    LayerSpec spec = node.layer();
    String kind = ModelFactory.kindOf(spec);
    try (StrategyScope open = StrategyScope.open(strategy, graph, SEED)) {
      scope = open;
      layer = LayerKinds.create(factories(), spec, kind, INJECTOR.getInstance(LayerServices.class).forLayer(node, new ArrayList<>()));
      outputExample = layer.build(example);
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    step = scope.tf().withName("step").placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
  }

  static Map<Class<? extends LayerSpec>, LayerFactory<?>> factories() {
    return INJECTOR.getInstance(Key.get(new TypeLiteral<Map<Class<? extends LayerSpec>, LayerFactory<?>>>() {}));
  }

  Call call(boolean training) {
    return call(0, training, true);
  }

  /** Applies the layer on {@code replica}; gradients w.r.t. the input (optionally) and every trainable weight. */
  Call call(int replica, boolean training, boolean inputGradient) {
    Ops tf = scope.tf();
    Placeholder<TFloat32> input =
        tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch).append(example)));
    CallContext ctx = new CallContext(new ReplicaContext(scope, replica), training, step, updates);
    Operand<TFloat32> output = layer.call(ctx, input);
    Placeholder<TFloat32> weights =
        tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch).append(outputExample)));
    Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(output, weights), Tensors.allAxes(tf, output));
    List<String> names = new ArrayList<>();
    List<Output<?>> targets = new ArrayList<>();
    if (inputGradient) {
      names.add("input");
      targets.add(input.asOutput());
    }
    for (MirroredVariable<?> v : scope.variables()) {
      if (v.trainable()) {
        names.add(v.name());
        targets.add(ctx.replica().read(v).asOutput());
      }
    }
    Output<?>[] grads =
        targets.isEmpty()
            ? new Output<?>[0]
            : graph.addGradients(loss.asOutput(), targets.toArray(new Output<?>[0]));
    // an identity layer returns its input, which a session cannot both feed and fetch
    return new Call(input, output, tf.identity(output), weights, names, grads);
  }

  /**
   * Applies a {@link CrossReplicaLayer} on every replica at once; each replica's call has the
   * gradients of the sum over replicas of {@code sum(output · w)} with respect to its own input
   * and its own reads of the trainable weights.
   */
  List<Call> callAll(boolean training) {
    Ops tf = scope.tf();
    List<CallContext> contexts = new ArrayList<>();
    List<Placeholder<TFloat32>> placeholders = new ArrayList<>();
    for (int r = 0; r < scope.replicas(); r++) {
      contexts.add(new CallContext(new ReplicaContext(scope, r), training, step, updates));
      placeholders.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch).append(example))));
    }
    List<Operand<TFloat32>> inputs = new ArrayList<>(placeholders);
    List<Operand<TFloat32>> outputs = ((CrossReplicaLayer) layer).call(contexts, inputs);
    List<Placeholder<TFloat32>> weights = new ArrayList<>();
    List<Operand<TFloat32>> terms = new ArrayList<>();
    List<String> names = new ArrayList<>(List.of("input"));
    List<Output<?>> targets = new ArrayList<>();
    for (int r = 0; r < scope.replicas(); r++) {
      Operand<TFloat32> out = outputs.get(r);
      weights.add(tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch).append(outputExample))));
      terms.add(tf.reduceSum(tf.math.mul(out, weights.get(r)), Tensors.allAxes(tf, out)));
      targets.add(inputs.get(r).asOutput());
      for (MirroredVariable<?> v : scope.variables()) {
        if (v.trainable()) {
          if (r == 0) {
            names.add(v.name());
          }
          targets.add(contexts.get(r).replica().read(v).asOutput());
        }
      }
    }
    Output<?>[] grads = graph.addGradients(tf.math.addN(terms).asOutput(), targets.toArray(new Output<?>[0]));
    int per = names.size();
    List<Call> calls = new ArrayList<>();
    for (int r = 0; r < scope.replicas(); r++) {
      Output<?>[] mine = Arrays.copyOfRange(grads, r * per, (r + 1) * per);
      calls.add(new Call(placeholders.get(r), outputs.get(r), tf.identity(outputs.get(r)), weights.get(r), names, mine));
    }
    return calls;
  }

  /** Each replica's output, given every replica's input. */
  List<float[]> forwardAll(List<Call> calls, List<float[]> xs) {
    List<TFloat32> fed = new ArrayList<>();
    try (TInt64 st = TInt64.scalarOf(0)) {
      Session.Runner runner = session().runner().feed(step, st);
      for (int r = 0; r < calls.size(); r++) {
        fed.add(Tensors.of(calls.get(r).input().shape(), xs.get(r)));
        runner.feed(calls.get(r).input(), fed.get(r)).fetch(calls.get(r).fetched());
      }
      List<float[]> out = new ArrayList<>();
      try (Result res = runner.run()) {
        for (int r = 0; r < calls.size(); r++) {
          out.add(Tensors.floats((TFloat32) res.get(r)));
        }
      }
      return out;
    } finally {
      fed.forEach(TFloat32::close);
    }
  }

  /** Replica {@code replica}'s gradients (see {@link #callAll}), by "input" and by variable name. */
  Map<String, float[]> gradientsAll(List<Call> calls, List<float[]> xs, List<float[]> ws, int replica) {
    List<TFloat32> fed = new ArrayList<>();
    try (TInt64 st = TInt64.scalarOf(0)) {
      Session.Runner runner = session().runner().feed(step, st);
      for (int r = 0; r < calls.size(); r++) {
        TFloat32 x = Tensors.of(calls.get(r).input().shape(), xs.get(r));
        TFloat32 w = Tensors.of(calls.get(r).weights().shape(), ws.get(r));
        fed.add(x);
        fed.add(w);
        runner.feed(calls.get(r).input(), x).feed(calls.get(r).weights(), w);
      }
      Call call = calls.get(replica);
      for (Output<?> g : call.gradients()) {
        runner.fetch(g);
      }
      Map<String, float[]> byName = new LinkedHashMap<>();
      try (Result res = runner.run()) {
        for (int i = 0; i < call.gradients().length; i++) {
          byName.put(call.gradientNames().get(i), Tensors.floats((TFloat32) res.get(i)));
        }
      }
      return byName;
    } finally {
      fed.forEach(TFloat32::close);
    }
  }

  float[] forward(Call call, float[] x, long stepValue) {
    try (TFloat32 xt = Tensors.of(call.input().shape(), x);
        TInt64 st = TInt64.scalarOf(stepValue);
        Result r = session().runner().feed(call.input(), xt).feed(step, st).fetch(call.fetched()).run()) {
      return Tensors.floats((TFloat32) r.get(0));
    }
  }

  /** The output, then the first output of each named graph operation, from one run at {@code stepValue}. */
  List<float[]> forwardWith(Call call, float[] x, long stepValue, String... operations) {
    try (TFloat32 xt = Tensors.of(call.input().shape(), x);
        TInt64 st = TInt64.scalarOf(stepValue)) {
      Session.Runner runner = session().runner().feed(call.input(), xt).feed(step, st).fetch(call.fetched());
      for (String op : operations) {
        runner.fetch(graph.operation(op).output(0));
      }
      List<float[]> out = new ArrayList<>();
      try (Result r = runner.run()) {
        for (int i = 0; i <= operations.length; i++) {
          out.add(Tensors.floats((TFloat32) r.get(i)));
        }
      }
      return out;
    }
  }

  float[] forward(Call call, float[] x) {
    return forward(call, x, 0);
  }

  /** The gradients of {@code sum(output · w)}, by "input" and by variable name. */
  Map<String, float[]> gradients(Call call, float[] x, float[] w, long stepValue) {
    try (TFloat32 xt = Tensors.of(call.input().shape(), x);
        TFloat32 wt = Tensors.of(call.weights().shape(), w);
        TInt64 st = TInt64.scalarOf(stepValue)) {
      Session.Runner runner = session().runner().feed(call.input(), xt).feed(call.weights(), wt).feed(step, st);
      for (Output<?> g : call.gradients()) {
        runner.fetch(g);
      }
      Map<String, float[]> byName = new LinkedHashMap<>();
      try (Result r = runner.run()) {
        for (int i = 0; i < call.gradients().length; i++) {
          byName.put(call.gradientNames().get(i), Tensors.floats((TFloat32) r.get(i)));
        }
      }
      return byName;
    }
  }

  /** Runs the layers' update ops once, feeding each call its input. */
  void runUpdates(Map<Call, float[]> inputs, long stepValue) {
    List<TFloat32> tensors = new ArrayList<>();
    try (TInt64 st = TInt64.scalarOf(stepValue)) {
      Session.Runner runner = session().runner().feed(step, st);
      for (Map.Entry<Call, float[]> e : inputs.entrySet()) {
        TFloat32 t = Tensors.of(e.getKey().input().shape(), e.getValue());
        tensors.add(t);
        runner.feed(e.getKey().input(), t);
      }
      updates.forEach(runner::addTarget);
      runner.run().close();
    } finally {
      tensors.forEach(TFloat32::close);
    }
  }

  float[] value(String variable, int replica) {
    MirroredVariable<?> v = variable(variable);
    try (Result r = session().runner().fetch(v.read(scope.tf(), replica)).run()) {
      return Tensors.floats((TFloat32) r.get(0));
    }
  }

  float[] value(String variable) {
    return value(variable, 0);
  }

  /** Sets every replica's component of {@code variable}. */
  @SuppressWarnings("unchecked")
  void assign(String variable, float[] values) {
    MirroredVariable<TFloat32> v = (MirroredVariable<TFloat32>) variable(variable);
    Ops tf = scope.tf();
    Placeholder<TFloat32> p = tf.placeholder(TFloat32.class, Placeholder.shape(v.shape()));
    Session.Runner runner = session().runner();
    for (int r = 0; r < v.components().size(); r++) {
      runner.addTarget(tf.assignVariableOp(v.components().get(r), p));
    }
    try (TFloat32 t = Tensors.of(v.shape(), values)) {
      runner.feed(p, t).run().close();
    }
  }

  MirroredVariable<?> variable(String name) {
    return scope.variables().stream()
        .filter(v -> v.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no variable " + name + " in " + scope.variables()));
  }

  private Session session() {
    if (session == null) {
      session = new Session(graph);
    }
    return session;
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
