package io.inscope.modules.layers;

import io.inscope.configs.layers.GRUSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Unstack;
import org.tensorflow.types.TFloat32;

/**
 * Keras 3's GRU cell, step by step: {@code x · kernel + b_in} split into {@code x_z, x_r, x_h};
 * {@code z = σ(x_z + h · R_z)}, {@code r = σ(x_r + h · R_r)}, the candidate {@code h̃ = act(x_h +
 * r ⊙ (h · R_h + b_rec,h))} with {@code reset_after} (recurrent biases added to each product), else
 * {@code act(x_h + (r ⊙ h) · R_h)}; {@code h = z ⊙ h + (1 - z) ⊙ h̃}. With per-gate dropout masks
 * (Keras 3's implementation 1), each gate reads its own masked {@code x} and {@code h} (the update
 * {@code z ⊙ h} reads {@code h} unmasked). See {@link GRUSpec}.
 */
public final class GRU extends Recurrent {
  private final GRUSpec spec;
  private MirroredVariable<TFloat32> kernel;
  private MirroredVariable<TFloat32> recurrentKernel;
  private MirroredVariable<TFloat32> bias;
  private Operand<TFloat32> recurrent;
  private Operand<TFloat32> recurrentBias;

  public GRU(GRUSpec spec, String name, LayerServices services) {
    super(name, spec, 3, services);
    this.spec = spec;
  }

  @Override
  void buildWeights(long features) {
    int u = spec.units();
    kernel = services.weight(name, "kernel", Shape.of(features, 3L * u), spec.kernelInitializer(), true);
    recurrentKernel =
        services.weight(name, "recurrent_kernel", Shape.of(u, 3L * u), spec.recurrentInitializer(), true);
    if (spec.useBias()) {
      Shape shape = spec.resetAfter() ? Shape.of(2, 3L * u) : Shape.of(3L * u);
      bias = services.weight(name, "bias", shape, spec.biasInitializer(), true);
    }
  }

  @Override
  int stateCount() {
    return 1;
  }

  @Override
  Operand<TFloat32> project(CallContext ctx, Ops tf, List<Operand<TFloat32>> x) {
    recurrent = ctx.replica().read(recurrentKernel);
    Operand<TFloat32> z = Recurrents.product(tf, ctx.float16(), x, ctx.replica().read(kernel), 3);
    if (bias == null) {
      recurrentBias = null;
      return z;
    }
    List<Operand<TFloat32>> b = biases(ctx, tf);
    recurrentBias = spec.resetAfter() ? b.get(1) : null;
    return tf.nn.biasAdd(z, b.get(0));
  }

  /** The input bias, and the recurrent bias with {@code reset_after}. */
  private List<Operand<TFloat32>> biases(CallContext ctx, Ops tf) {
    Operand<TFloat32> b = ctx.replica().read(bias);
    if (!spec.resetAfter()) {
      return List.of(b);
    }
    Unstack<TFloat32> rows = tf.unstack(b, 2L, Unstack.axis(0L));
    return List.of(rows.output().get(0), rows.output().get(1));
  }

  @Override
  List<Operand<TFloat32>> step(
      Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> states, List<Operand<TFloat32>> recurrentMasks) {
    Operand<TFloat32> h = states.get(0);
    Operand<TFloat32> r = recurrent;
    List<Operand<TFloat32>> in = Recurrents.split(tf, x, 3);
    List<Operand<TFloat32>> hs = Recurrents.masked(tf, h, recurrentMasks);
    Operand<TFloat32> inner = Recurrents.product(tf, false, hs, r, 3);
    if (recurrentBias != null) {
      inner = tf.nn.biasAdd(inner, recurrentBias);
    }
    List<Operand<TFloat32>> rec = Recurrents.split(tf, inner, 3);
    Operand<TFloat32> z = Activations.apply(tf, spec.recurrentActivation(), tf.math.add(in.get(0), rec.get(0)));
    Operand<TFloat32> reset = Activations.apply(tf, spec.recurrentActivation(), tf.math.add(in.get(1), rec.get(1)));
    Operand<TFloat32> recurrentH = spec.resetAfter()
        ? tf.math.mul(reset, rec.get(2))
        : tf.linalg.matMul(tf.math.mul(reset, hs.get(hs.size() - 1)), Recurrents.split(tf, r, 3).get(2));
    Operand<TFloat32> candidate = Activations.apply(tf, spec.activation(), tf.math.add(in.get(2), recurrentH));
    Operand<TFloat32> next =
        tf.math.add(tf.math.mul(z, h), tf.math.mul(tf.math.sub(tf.constant(1f), z), candidate));
    return List.of(next);
  }
}
