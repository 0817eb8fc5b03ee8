package io.inscope.modules.train;

import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.StrategyScope;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/**
 * Gradients of each replica's loss, mean-reduced across replicas by the strategy, then applied by
 * one optimizer to every replica's components. Every update waits for every reduced gradient: with
 * ref variables an early update would otherwise be read by a backward pass still running.
 */
final class Gradients {
  private Gradients() {}

  /**
   * @param first true for the first step built with this optimizer: only its application creates
   *     optimizer variables, which the scope then adopts (later unrolled steps skip the graph scan)
   */
  @SuppressWarnings("unchecked")
  static Op applyReduced(StrategyScope scope, Optimizer optimizer, Replicated replicated, boolean first) {
    List<MirroredVariable<TFloat32>> trainable = new ArrayList<>();
    for (MirroredVariable<?> v : scope.variables()) {
      if (v.trainable() && v.kind() == MirroredVariable.Kind.WEIGHT) {
        trainable.add((MirroredVariable<TFloat32>) v);
      }
    }
    int n = scope.replicas();
    List<Output<?>[]> grads = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      Output<?>[] xs = new Output<?>[trainable.size()];
      for (int j = 0; j < xs.length; j++) {
        xs[j] = trainable.get(j).component(r).asOutput();
      }
      grads.add(scope.graph().addGradients(replicated.losses().get(r).asOutput(), xs));
    }
    Ops tf = scope.tf();
    List<List<Operand<TFloat32>>> reduced = new ArrayList<>(); // [variable][replica]
    List<Op> all = new ArrayList<>();
    for (int j = 0; j < trainable.size(); j++) {
      List<Operand<TFloat32>> perReplica = new ArrayList<>();
      for (int r = 0; r < n; r++) {
        perReplica.add((Operand<TFloat32>) grads.get(r)[j]);
      }
      List<Operand<TFloat32>> mean = scope.strategy().allReduceMean(tf, perReplica);
      reduced.add(mean);
      all.addAll(mean);
    }
    Ops gated = tf.withSubScope("gated").withControlDependencies(all);
    List<GradAndVar<? extends TType>> pairs = new ArrayList<>();
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < trainable.size(); j++) {
        Operand<TFloat32> g = gated.identity(reduced.get(j).get(r));
        pairs.add(new GradAndVar<>(g.asOutput(), trainable.get(j).component(r).asOutput()));
      }
    }
    if (!first) {
      return optimizer.applyGradients(pairs, "apply_gradients");
    }
    Set<String> before = variableOps(scope);
    Op apply = optimizer.applyGradients(pairs, "apply_gradients");
    adoptOptimizerVariables(scope, trainable, before);
    return apply;
  }

  private static Set<String> variableOps(StrategyScope scope) {
    Set<String> names = new HashSet<>();
    for (Iterator<GraphOperation> it = scope.graph().operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals("VariableV2")) {
        names.add(op.name());
      }
    }
    return names;
  }

  /**
   * The framework optimizers name a slot {@code <variable op>-<slot>}; a slot's components are the
   * slots of the variable's components. Anything else new (Adam's beta powers) is optimizer state
   * shared by all replicas.
   */
  private static void adoptOptimizerVariables(
      StrategyScope scope, List<MirroredVariable<TFloat32>> trainable, Set<String> before) {
    Map<String, List<Variable<? extends TType>>> adopted = new LinkedHashMap<>();
    Set<String> created = variableOps(scope);
    created.removeAll(before);
    Set<String> claimed = new HashSet<>();
    for (MirroredVariable<TFloat32> v : trainable) {
      String prefix0 = v.component(0).op().name() + "-";
      for (String name : sorted(created)) {
        if (!name.startsWith(prefix0) || name.substring(prefix0.length()).contains(".")) {
          continue;
        }
        String slot = name.substring(prefix0.length());
        List<Variable<? extends TType>> comps = new ArrayList<>();
        for (Variable<?> c : v.components()) {
          String cn = c.op().name() + "-" + slot;
          comps.add(new Variable<>(scope.graph().operation(cn)));
          claimed.add(cn);
        }
        adopted.put(v.name() + "-" + slot, comps);
      }
    }
    for (String name : sorted(created)) {
      if (!claimed.contains(name)) {
        adopted.put(name, List.of(new Variable<>(scope.graph().operation(name))));
      }
    }
    scope.adopt(adopted);
  }

  private static List<String> sorted(Set<String> names) {
    return names.stream().sorted().toList();
  }
}
