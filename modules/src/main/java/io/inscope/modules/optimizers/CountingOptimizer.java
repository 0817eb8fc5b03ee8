package io.inscope.modules.optimizers;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.framework.optimizers.Optimizer;
import org.tensorflow.framework.optimizers.Optimizer.GradAndVar;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * An optimizer that counts its steps in a variable, as Keras' {@code iterations}, and changes that
 * count and any other shared state only after every variable's update has run. Keras' Adam, Adamax
 * and Nadam derive their bias corrections from the step; tensorflow-framework's versions update
 * their beta powers with no ordering against the updates that read them, so an update can see the
 * next step's power.
 *
 * <p>It may be applied more than once in one graph, once per training step unrolled in it
 * ({@code train.steps_per_execution}): the state is created by the first application, and each
 * application reads the step count only after its own gradients exist, which the unrolled graph
 * orders after the previous step's updates.
 */
abstract class CountingOptimizer extends Optimizer {
  private Variable<TInt64> iterations;
  private Operand<TFloat32> step;
  private List<Op> gradients = List.of();

  CountingOptimizer(Graph graph) {
    super(graph);
  }

  /** The 1-based step being applied, as Keras' {@code iterations + 1}; valid from {@link #prepare}. */
  final Operand<TFloat32> step() {
    return step;
  }

  @Override
  public Op applyGradients(List<GradAndVar<? extends TType>> gradsAndVars, String name) {
    List<Op> outputs = new ArrayList<>();
    gradsAndVars.forEach(g -> outputs.add(g.getGradient()));
    gradients = outputs;
    return super.applyGradients(gradsAndVars, name);
  }

  @Override
  protected final void createSlots(List<Output<? extends TType>> variables) {
    if (iterations == null) {
      iterations = scalarVariable("iterations", TInt64.class, tf.constant(0L));
      createState(variables);
    }
  }

  /** Creates the slots and shared state, once, at the first application. */
  protected void createState(List<Output<? extends TType>> variables) {}

  @Override
  protected Optional<Op> prepare(String scopeName) {
    Ops afterGradients = tf.withControlDependencies(gradients);
    step = afterGradients.dtypes.cast(
        afterGradients.math.add(iterations, afterGradients.constant(1L)), TFloat32.class);
    return Optional.empty();
  }

  /**
   * Assignments to shared state for the next step.
   *
   * @param afterUpdates ops that run only after every variable's update
   */
  List<Op> advance(Ops afterUpdates) {
    return List.of();
  }

  @Override
  protected final Op finish(List<Op> updateOperations, String name) {
    Ops after = tf.withControlDependencies(updateOperations);
    List<Op> all = new ArrayList<>(updateOperations);
    all.add(after.assignAdd(iterations, tf.constant(1L)));
    all.addAll(advance(after));
    return super.finish(all, name);
  }

  /** Creates the slot {@code name} of {@code variable}, initialized to zeros. */
  final <T extends TType> void zeros(Output<T> variable, String name) {
    createSlot(variable, name, Slots.filled(tf, variable, 0f));
  }

  /**
   * A scalar variable initialized to {@code initial}, named {@code name} unless the graph already
   * has that name: the strategy scope names model variables exactly, outside Ops' name counters.
   */
  final <T extends TType> Variable<T> scalarVariable(String name, Class<T> type, Operand<T> initial) {
    String free = name;
    for (int i = 1; graph.operation(free) != null; i++) {
      free = name + "_" + i;
    }
    Ops init = tf.withInitScope();
    Variable<T> v = init.withName(free).variable(Shape.scalar(), type);
    init.assign(v, initial);
    return v;
  }
}
