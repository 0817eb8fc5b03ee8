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
import org.tensorflow.types.TInt32;

/**
 * What the recurrent layers share: examples {@code [steps, features]}, the input projection of
 * every step in one matrix product, states starting at zero, the steps unrolled in the graph (their
 * number is known when the layer is built), the output (the last step's, or every step's), and
 * Keras' {@code dropout} / {@code recurrent_dropout} in training.
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
   * units]}; {@code x} holds one input, or one per gate (each gate's columns of the kernel multiply
   * its own input: per-gate dropout masks). Also reads, once per call, the weights that {@link
   * #step} uses at every step.
   */
  abstract Operand<TFloat32> project(CallContext ctx, Ops tf, List<Operand<TFloat32>> x);

  /**
   * The states after one step (the output first), from the step's projected input and the states
   * before it; {@code recurrentMasks} is null, or holds one mask {@code [batch, units]} per gate
   * that multiplies the previous output where that gate's recurrent kernel reads it.
   */
  abstract List<Operand<TFloat32>> step(
      Ops tf, Operand<TFloat32> projected, List<Operand<TFloat32>> states, List<Operand<TFloat32>> recurrentMasks);

  /** How many states the cell carries (LSTM: the output and the cell). */
  abstract int stateCount();

  @Override
  public final Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    Ops tf = ctx.tf().withSubScope(name);
    long features = input.shape().size(2);
    long width = gates * (long) spec.units();
    // Keras 3 draws one mask per gate whenever recurrent_dropout is set (its implementation 1),
    // else one input mask for all gates; each is drawn once per batch and used at every step
    int perGate = spec.recurrentDropout() > 0 ? gates : 1;
    boolean dropInputs = ctx.training() && spec.dropout() > 0;
    boolean dropRecurrent = ctx.training() && spec.recurrentDropout() > 0;
    List<Operand<TFloat32>> flat = new ArrayList<>();
    if (dropInputs) {
      for (Operand<TFloat32> m : masks(ctx, tf, "input_dropout", spec.dropout(), perGate, input, features)) {
        Operand<TFloat32> dropped = tf.math.mul(input, tf.expandDims(m, tf.constant(1)));
        flat.add(tf.reshape(dropped, tf.constant(new long[] {-1, features})));
      }
    } else {
      flat.add(tf.reshape(input, tf.constant(new long[] {-1, features})));
    }
    List<Operand<TFloat32>> recurrentMasks = dropRecurrent
        ? masks(ctx, tf, "recurrent_dropout", spec.recurrentDropout(), gates, input, spec.units())
        : null;
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
      states = step(tf, x, states, recurrentMasks);
      outputs.add(states.get(0));
    }
    return spec.returnSequences() ? tf.stack(outputs, Stack.axis(1L)) : states.get(0);
  }

  /**
   * {@code count} dropout masks {@code [batch, width]}, drawn together as one op named {@code
   * <layer>/<what>_mask} ({@code [count, batch, width]}) from the seed of {@code <layer>/<what>},
   * the replica and the step (see {@link Dropout#mask}).
   */
  private List<Operand<TFloat32>> masks(
      CallContext ctx, Ops tf, String what, double rate, int count, Operand<TFloat32> input, long width) {
    Operand<TInt32> batch = tf.gather(tf.shape(input), tf.constant(new int[] {0}), tf.constant(0));
    Operand<TInt32> shape = tf.concat(
        List.of(tf.constant(new int[] {count}), batch, tf.constant(new int[] {Math.toIntExact(width)})), tf.constant(0));
    Operand<TFloat32> all = tf.withName(what + "_mask").identity(Dropout.mask(ctx, tf, name + "/" + what, rate, shape));
    List<Operand<TFloat32>> masks = new ArrayList<>();
    tf.unstack(all, (long) count, Unstack.axis(0L)).forEach(masks::add);
    return masks;
  }
}
