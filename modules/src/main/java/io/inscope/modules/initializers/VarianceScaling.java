package io.inscope.modules.initializers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * Keras' VarianceScaling: {@code n} is fan_in, fan_out or their mean (fans from the last two
 * dimensions times the receptive field); truncated normal with stddev {@code sqrt(scale / n) /
 * 0.87962566103423978} (the stddev of a unit normal truncated at 2), or uniform in {@code
 * ±sqrt(3 scale / n)}. glorot = (1, fan_avg), he = (2, fan_in), lecun = (1, fan_in).
 *
 * <p>Also replaces tensorflow-framework 1.1.0's class of the same name, which draws its uniform
 * variant in {@code [0, limit)} and counts the input channels into a convolution kernel's
 * receptive field (fan-in {@code in² · prod(k)}).
 */
public final class VarianceScaling implements ShapedInitializer {
  /** Which fan divides the scale. */
  public enum Mode { FAN_IN, FAN_AVG }

  /** The distribution drawn from. */
  public enum Distribution { TRUNCATED_NORMAL, UNIFORM }

  private static final double TRUNCATED_STDDEV = 0.87962566103423978;
  private final double scale;
  private final Mode mode;
  private final boolean uniform;
  private final long seed;

  public VarianceScaling(double scale, Mode mode, boolean uniform, long seed) {
    this.scale = scale;
    this.mode = mode;
    this.uniform = uniform;
    this.seed = seed;
  }

  public static VarianceScaling glorot(Distribution d, long seed) {
    return new VarianceScaling(1.0, Mode.FAN_AVG, d == Distribution.UNIFORM, seed);
  }

  public static VarianceScaling he(Distribution d, long seed) {
    return new VarianceScaling(2.0, Mode.FAN_IN, d == Distribution.UNIFORM, seed);
  }

  public static VarianceScaling lecun(Distribution d, long seed) {
    return new VarianceScaling(1.0, Mode.FAN_IN, d == Distribution.UNIFORM, seed);
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends TType> Operand<T> call(Ops tf, Shape shape, Class<T> type) {
    double n = Math.max(1.0, mode == Mode.FAN_IN ? fanIn(shape) : (fanIn(shape) + fanOut(shape)) / 2.0);
    Operand<TInt64> dims = tf.constant(shape);
    Class<TFloating> t = (Class<TFloating>) (Class<?>) type;
    Operand<TFloating> draw;
    if (uniform) {
      double limit = Math.sqrt(3.0 * scale / n);
      Operand<TFloating> u = tf.random.statelessRandomUniform(dims, seeds(tf, seed), t);
      draw = tf.math.sub(tf.math.mul(u, cast(tf, 2 * limit, t)), cast(tf, limit, t));
    } else {
      double stddev = Math.sqrt(scale / n) / TRUNCATED_STDDEV;
      Operand<TFloating> z = tf.random.statelessTruncatedNormal(dims, seeds(tf, seed), t);
      draw = tf.math.mul(z, cast(tf, stddev, t));
    }
    return (Operand<T>) draw;
  }


  /**
   * The seed of a stateless random op: an initial value is then a function of the seed and the
   * shape alone, whichever session or run computes it (as tensorflow-framework's random kinds).
   */
  static Operand<TInt64> seeds(Ops tf, long seed) {
    return tf.constant(new long[] {seed, 0});
  }

  static Operand<TFloating> cast(Ops tf, double v, Class<TFloating> t) {
    return tf.dtypes.cast(tf.constant(v), t);
  }

  static double fanIn(Shape s) {
    int r = s.numDimensions();
    return r == 0 ? 1 : r == 1 ? s.size(0) : s.size(r - 2) * receptive(s);
  }

  static double fanOut(Shape s) {
    int r = s.numDimensions();
    return r == 0 ? 1 : r == 1 ? s.size(0) : s.size(r - 1) * receptive(s);
  }

  private static double receptive(Shape s) {
    double p = 1;
    for (int i = 0; i < s.numDimensions() - 2; i++) {
      p *= s.size(i);
    }
    return p;
  }
}
