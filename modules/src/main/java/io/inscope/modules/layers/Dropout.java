package io.inscope.modules.layers;

import io.inscope.configs.layers.DropoutSpec;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * In training, sets each input to 0 with probability {@code rate} and scales the others by
 * {@code 1 / (1 - rate)} (inverted dropout, as Keras); the identity otherwise. Creates no
 * variables.
 *
 * <p>The mask is drawn by a stateless random op seeded by the layer's seed (from the job seed and
 * the layer name), the replica index and the global step: the same step draws the same mask, so a
 * resumed run repeats the masks of an uninterrupted one, and replicas draw different masks.
 *
 * <pre>
 * - dropout: 0.2
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>rate</td><td>(required)</td><td>fraction dropped in training, in [0, 1)</td></tr>
 * </table>
 */
public final class Dropout extends NamedLayer {
  /** Separates the seeds of replicas (an odd constant: distinct for every replica index). */
  private static final long REPLICA_STRIDE = 0x9E3779B97F4A7C15L;

  private final DropoutSpec spec;

  public Dropout(DropoutSpec spec, String name) {
    super(name);
    this.spec = spec;
  }

  @Override
  public Shape build(Shape inputShape) {
    return inputShape;
  }

  @Override
  public Operand<TFloat32> call(CallContext ctx, Operand<TFloat32> input) {
    if (!ctx.training() || spec.rate() == 0) {
      return input;
    }
    Ops tf = ctx.tf().withSubScope(name);
    // a constant shape when it is known, so no Shape op reads the input: grappler would fold it
    // into a constant with a control edge from the input, which keeps the remapper from fusing an
    // activation feeding this layer into its convolution or matmul
    Shape s = input.shape();
    Operand<TInt32> shape = s.hasUnknownDimension()
        ? tf.shape(input) : tf.constant(Arrays.stream(s.asArray()).mapToInt(Math::toIntExact).toArray());
    return drop(ctx, tf, name, spec.rate(), input, shape);
  }

  /**
   * Inverted dropout of {@code x} in training, the mask drawn with {@code maskShape} (which
   * broadcasts against {@code x}: spatial dropout drops whole channels) from the seed of {@code
   * layer}, the replica and the step. Shared by the layers that drop (attention, spatial dropout).
   */
  static Operand<TFloat32> drop(
      CallContext ctx, Ops tf, String layer, double rate, Operand<TFloat32> x, Operand<TInt32> maskShape) {
    return tf.math.mul(x, mask(ctx, tf, layer, rate, maskShape));
  }

  /**
   * An inverted-dropout mask of {@code shape}: 0 with probability {@code rate}, else {@code 1 / (1 -
   * rate)}, drawn from the seed of {@code key} (a layer name, or a name under it), the replica and
   * the step, so that a resumed run draws the masks of an uninterrupted one.
   */
  static Operand<TFloat32> mask(CallContext ctx, Ops tf, String key, double rate, Operand<TInt32> shape) {
    long seed = ctx.replica().scope().seedFor(key) + REPLICA_STRIDE * ctx.replica().index();
    Operand<TInt64> seeds = tf.stack(List.of(tf.constant(seed), ctx.step()));
    Operand<TFloat32> uniform = tf.random.statelessRandomUniform(shape, seeds, TFloat32.class);
    Operand<TFloat32> keep =
        tf.dtypes.cast(tf.math.greaterEqual(uniform, tf.constant((float) rate)), TFloat32.class);
    Operand<TFloat32> scale = tf.constant((float) (1.0 / (1.0 - rate)));
    return tf.math.mul(keep, scale);
  }
}
