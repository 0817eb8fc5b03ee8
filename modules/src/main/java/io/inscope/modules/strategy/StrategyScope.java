package io.inscope.modules.strategy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.internal.types.registry.TensorTypeRegistry;
import org.tensorflow.types.family.TType;

/**
 * The only place variables come from. While a scope is open on a thread, {@link #active(String)}
 * returns it; creating a variable with no open scope throws a {@link ScopeException} naming the
 * variable, as {@code tf.distribute} does for variables created outside {@code strategy.scope()}.
 *
 * <p>For each logical variable the scope creates one component per replica device. The initial
 * value is built once, on replica 0's device, and every component (replica 0's included) is
 * assigned from that one tensor, so random initializers cannot diverge between replicas.
 *
 * <p>Components are resource variables (see {@link MirroredVariable}); every variable, optimizer
 * slots included, is created here, and {@link #verifyEveryVariableOwned} fails the build if the
 * graph holds one that was not.
 *
 * <pre>{@code
 * try (StrategyScope scope = StrategyScope.open(strategy, graph, seed)) {
 *   MirroredVariable<TFloat32> w = StrategyScope.active("dense.kernel").createVariable(...);
 * }
 * }</pre>
 */
public final class StrategyScope implements AutoCloseable {
  private static final ThreadLocal<StrategyScope> ACTIVE = new ThreadLocal<>();

  private final Strategy strategy;
  private final Graph graph;
  private final BuildOps ops;
  private final long seed;
  private final OwnedVariables variables = new OwnedVariables();
  private boolean open = true;

  private StrategyScope(Strategy strategy, Graph graph, long seed) {
    this.strategy = strategy;
    this.graph = graph;
    this.ops = new BuildOps(LinearScope.ops(graph), strategy.replicaDevices());
    this.seed = seed;
  }

  /** Opens a scope on this thread; scopes do not nest. */
  public static StrategyScope open(Strategy strategy, Graph graph, long seed) {
    StrategyScope current = ACTIVE.get();
    if (current != null) {
      throw new ScopeException(
          "a "
              + current.strategy.name()
              + " strategy scope is already open on this thread; close it before opening a "
              + strategy.name()
              + " scope");
    }
    StrategyScope scope = new StrategyScope(strategy, graph, seed);
    ACTIVE.set(scope);
    return scope;
  }

  /**
   * The open scope of this thread.
   *
   * @param variableName the variable about to be created, for the error message
   */
  public static StrategyScope active(String variableName) {
    StrategyScope scope = ACTIVE.get();
    if (scope == null) {
      throw new ScopeException(
          "variable '"
              + variableName
              + "' was created with no strategy scope open; every variable (layer weights, "
              + "declared variables, optimizer slots) must be created inside StrategyScope.open(...)");
    }
    return scope;
  }

  public Strategy strategy() {
    return strategy;
  }

  public Graph graph() {
    return graph;
  }

  /**
   * Makes every op built from now on through {@link #tf()} and {@link #replicaOps(int)} wait for
   * {@code after} (null: no wait). A variable is read when its {@code ReadVariableOp} runs, so a training
   * step unrolled after another reads the weights that step wrote only if its ops wait for it.
   */
  public void gate(Op after) {
    ops.gate(after);
  }

  /** Ops with no device set. */
  public Ops tf() {
    return ops.tf();
  }

  /** Ops placed on the device of replica {@code replica}. */
  public Ops replicaOps(int replica) {
    return ops.replicaOps(replica);
  }

  public int replicas() {
    return ops.replicas();
  }

  /** Creates a logical variable with one component per replica, all from one initial value. */
  public <T extends TType> MirroredVariable<T> createVariable(
      String name,
      Shape shape,
      Class<T> type,
      MirroredVariable.Kind kind,
      boolean trainable,
      InitialValue<T> initialValue) {
    checkOpen(name);
    if (ops.inReplicatedComputation()) {
      throw new ScopeException("variable '" + name + "' was created inside a replicated computation; "
          + "create every variable (optimizer slots included) before the step is built");
    }
    if (variables.contains(name)) {
      throw new ScopeException("variable '" + name + "' already exists in this scope");
    }
    Ops init0 = ops.replicaOps(0).withInitScope();
    Operand<T> value = initialValue.build(init0.withSubScope(name), shape, seedFor(name));
    List<Operand<? extends TType>> components = new ArrayList<>();
    for (int r = 0; r < replicas(); r++) {
      Ops at = ops.ungatedReplicaOps(r).withInitScope();
      String componentName = r == 0 ? name : name + ".replica_" + r;
      Operand<? extends TType> handle = exactlyNamed(at, componentName, shape, type);
      at.assignVariableOp(handle, r == 0 ? value : at.identity(value));
      components.add(handle);
    }
    MirroredVariable<T> mv =
        new MirroredVariable<>(name, shape, type, kind, trainable, components, this);
    variables.add(mv);
    return mv;
  }

  /**
   * A {@code VarHandleOp} with exactly this name, which is also its {@code shared_name}: Ops name
   * scopes would make a reused name unique ({@code dense_1}), and the name is the checkpoint key.
   */
  private <T extends TType> Operand<? extends TType> exactlyNamed(
      Ops at, String name, Shape shape, Class<T> type) {
    if (graph.operation(name) != null) {
      throw new ScopeException("the graph already has an operation named '" + name + "'");
    }
    return graph
        .opBuilder("VarHandleOp", name, at.scope())
        .setAttr("shared_name", name)
        .setAttr("shape", shape)
        .setAttr("dtype", TensorTypeRegistry.find(type).dataType())
        .build()
        .output(0);
  }

  /**
   * The handle replica {@code replica} uses for {@code v}: its component, or the handle a
   * replicated computation received for it.
   */
  <T extends TType> Operand<? extends TType> handle(MirroredVariable<T> v, int replica) {
    return ops.handle(v, replica);
  }

  /**
   * Builds {@code body} as the computation of every replica at once, as TPU replication does: while
   * it runs, this scope has one replica whose ops are {@code computation} and whose variable
   * handles are {@code handles} (one per logical variable, standing for all its components). The
   * code that builds a step does not change; the strategy's {@link Strategy#allReduceMean} sees
   * one value and reduces it across the replicas of the computation.
   */
  public <R> R replicated(
      Ops computation, Map<MirroredVariable<?>, Operand<? extends TType>> handles, Supplier<R> body) {
    return ops.replicated(computation, handles, body);
  }

  /**
   * Fails when the graph holds a variable this scope did not create: a variable created
   * outside the scope is an error, never a silent bug.
   */
  public void verifyEveryVariableOwned() {
    variables.verifyAllOwned(graph, strategy.name());
  }

  /** Every logical variable, in creation order. */
  public List<MirroredVariable<?>> variables() {
    return variables.list();
  }

  /** Fails unless {@code v} was created by this scope (not another strategy's). */
  public void checkOwns(MirroredVariable<?> v) {
    if (v.scope() != this) {
      throw new ScopeException(
          "variable '" + v.name() + "' belongs to a " + v.scope().strategy.name()
              + " strategy scope, not to this " + strategy.name()
              + " scope; mixing variables of different strategy scopes is not allowed");
    }
  }

  /** A seed for the named variable: fixed by the job seed and the name alone. */
  public long seedFor(String name) {
    long h = seed * 0x9E3779B97F4A7C15L + name.hashCode();
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    return h & 0x7fffffffL;
  }

  public long jobSeed() {
    return seed;
  }

  private void checkOpen(String name) {
    if (!open) {
      throw new ScopeException(
          "variable '" + name + "' was created after its " + strategy.name()
              + " strategy scope was closed");
    }
    if (ACTIVE.get() != this) {
      throw new ScopeException(
          "variable '" + name + "' was created under a scope that is not open on this thread");
    }
  }

  @Override
  public void close() {
    if (open) {
      open = false;
      if (ACTIVE.get() == this) {
        ACTIVE.remove();
      }
    }
  }
}
