package io.inscope.modules.layers;

import io.inscope.configs.layers.LSTMSpec;
import io.inscope.modules.strategy.InitialValue;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' LSTM cell, step by step: {@code z = x · kernel + h · recurrent_kernel + bias} split into
 * {@code i, f, c̃, o}; {@code c = σ(f) c + σ(i) act(c̃)}, {@code h = σ(o) act(c)} (σ the recurrent
 * activation). With per-gate dropout masks (Keras 3's implementation 1), each gate's part of
 * {@code z} is computed from its own masked {@code x} and {@code h}. See {@link LSTMSpec}.
 */
public final class LSTM extends Recurrent {
  private final LSTMSpec spec;
  private MirroredVariable<TFloat32> kernel;
  private MirroredVariable<TFloat32> recurrentKernel;
  private MirroredVariable<TFloat32> bias;
  private Operand<TFloat32> recurrent;

  public LSTM(LSTMSpec spec, String name, LayerServices services) {
    super(name, spec, 4, services);
    this.spec = spec;
  }

  @Override
  void buildWeights(long features) {
    int u = spec.units();
    kernel = services.weight(name, "kernel", Shape.of(features, 4L * u), spec.kernelInitializer(), true);
    recurrentKernel =
        services.weight(name, "recurrent_kernel", Shape.of(u, 4L * u), spec.recurrentInitializer(), true);
    if (spec.useBias()) {
      bias = services.weight(name, "bias", Shape.of(4L * u), biasInitialValue(), true);
    }
  }

  /** Keras' unit_forget_bias: the bias initializer for i, ones for f, the initializer for c̃ and o. */
  private InitialValue<TFloat32> biasInitialValue() {
    InitialValue<TFloat32> init = services.initialValue(spec.biasInitializer());
    if (!spec.unitForgetBias()) {
      return init;
    }
    long u = spec.units();
    return (tf, shape, seed) ->
        tf.concat(
            List.of(init.build(tf, Shape.of(u), seed), tf.fill(tf.constant(new long[] {u}), tf.constant(1f)),
                init.build(tf, Shape.of(2 * u), seed)),
            tf.constant(0));
  }

  @Override
  int stateCount() {
    return 2;
  }

  @Override
  Operand<TFloat32> project(CallContext ctx, Ops tf, List<Operand<TFloat32>> x) {
    recurrent = ctx.replica().read(recurrentKernel);
    Operand<TFloat32> z = Recurrents.product(tf, ctx.float16(), x, ctx.replica().read(kernel), 4);
    return bias == null ? z : tf.nn.biasAdd(z, ctx.replica().read(bias));
  }

  @Override
  List<Operand<TFloat32>> step(
      Ops tf, Operand<TFloat32> x, List<Operand<TFloat32>> states, List<Operand<TFloat32>> recurrentMasks) {
    Operand<TFloat32> h = states.get(0);
    Operand<TFloat32> c = states.get(1);
    Operand<TFloat32> z =
        tf.math.add(x, Recurrents.product(tf, false, Recurrents.masked(tf, h, recurrentMasks), recurrent, 4));
    List<Operand<TFloat32>> g = Recurrents.split(tf, z, 4);
    Operand<TFloat32> i = Activations.apply(tf, spec.recurrentActivation(), g.get(0));
    Operand<TFloat32> f = Activations.apply(tf, spec.recurrentActivation(), g.get(1));
    Operand<TFloat32> o = Activations.apply(tf, spec.recurrentActivation(), g.get(3));
    Operand<TFloat32> cNext =
        tf.math.add(tf.math.mul(f, c), tf.math.mul(i, Activations.apply(tf, spec.activation(), g.get(2))));
    Operand<TFloat32> hNext = tf.math.mul(o, Activations.apply(tf, spec.activation(), cNext));
    return List.of(hNext, cNext);
  }
}
