package io.inscope.modules.layers;

import io.inscope.configs.layers.RecurrentSpec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Stack;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * What the recurrent layers share: examples {@code [steps, features]}, the input projection of
 * every step in one matrix product, states starting at zero, the steps unrolled in the graph (their
 * number is known when the layer is built), and the output (the last step's, or every step's).
 */
abstract class Recurrent extends NamedLayer {
  protected final LayerServices services;
  private final RecurrentSpec spec;
  private final int gates;
  private long steps;

  Recurrent(String name, RecurrentSpec spec, int gates, LayerServices services) {
    super(name);
    this.spec = spec;
    this.gates = gates;
    this.services = services;
  }

  @Override
  public final Shape build(Shape inputShape) {
    if (inputShape.numDimensions() != 2) {
      throw new LayerShapeException(
          name, "expects examples [steps, features], got " + inputShape + " (add a reshape layer before it)");
    }
    steps = inputShape.size(0);
    buildWeights(inputShape.size(1));
    return spec.returnSequences() ? Shape.of(steps, spec.units()) : Shape.of(spec.units());
  }

  /** Creates the weights for inputs of {@code features} per step. */
  abstract void buildWeights(long features);

  /**
   * {@code x · kernel (+ input bias)} for a batch of steps {@code [n, features]}: {@code [n, gates ·
   * units]}; also reads, once per call, the weights that {@link #step} uses at every step.
   */
  abstract Operand<TFloat32> project(CallContext ctx, Ops tf, Operand<TFloat32> x);

  /** The states after one step (the output first), from the step's projected input and the states before it. */
  abstract List<Operand<TFloat32>> step(Ops tf, Operand<TFloat32> projected, List<Operand<TFloat32>> states);

  /** How many states the cell carries (LSTM: the output and the cell). */
  abstract int stateCount();

  @Override
  public final Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    long features = input.shape().size(2);
    long width = gates * (long) spec.units();
    Operand<TFloat32> flat = tf.reshape(input, tf.constant(new long[] {-1, features}));
    Operand<TFloat32> projected =
        tf.reshape(project(ctx, tf, flat), tf.constant(new long[] {-1, steps, width}));
    List<Operand<TFloat32>> inputs = new ArrayList<>();
    tf.unstack(projected, steps, Unstack.axis(1L)).forEach(inputs::add);
    if (spec.goBackwards()) {
      Collections.reverse(inputs);
    }
    // a [1, units] zero state broadcasts against the batch in the first step
    List<Operand<TFloat32>> states = new ArrayList<>();
    for (int i = 0; i < stateCount(); i++) {
      states.add(tf.constant(new float[1][spec.units()]));
    }
    List<Operand<TFloat32>> outputs = new ArrayList<>();
    for (Operand<TFloat32> x : inputs) {
      states = step(tf, x, states);
      outputs.add(states.get(0));
    }
    return spec.returnSequences() ? tf.stack(outputs, Stack.axis(1L)) : states.get(0);
  }
}
