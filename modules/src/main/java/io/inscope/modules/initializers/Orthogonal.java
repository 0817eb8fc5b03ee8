package io.inscope.modules.initializers;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.Qr;
import org.tensorflow.types.family.TFloating;
import org.tensorflow.types.family.TType;

/**
 * Keras' Orthogonal: a normal draw of {@code [prod(shape[:-1]), shape[-1]]} (transposed when it
 * has fewer rows than columns), its QR decomposition's Q with column signs fixed by diag(R),
 * times {@code gain}, reshaped to the variable's shape. (tensorflow-framework 1.1.0's fails on
 * wide matrices and returns the flat matrix for kernels of rank above 2.)
 */
public final class Orthogonal implements ShapedInitializer {
  private final double gain;
  private final long seed;

  public Orthogonal(double gain, long seed) {
    this.gain = gain;
    this.seed = seed;
  }

  @Override
  @SuppressWarnings("unchecked")
  public <T extends TType> Operand<T> call(Ops tf, Shape shape, Class<T> type) {
    if (shape.numDimensions() < 2) {
      throw new IllegalArgumentException("orthogonal needs a variable of rank >= 2, got shape " + shape);
    }
    long cols = shape.size(shape.numDimensions() - 1);
    long rows = shape.size() / cols;
    boolean transpose = rows < cols;
    Shape flat = transpose ? Shape.of(cols, rows) : Shape.of(rows, cols);
    Class<TFloating> t = (Class<TFloating>) (Class<?>) type;
    Operand<TFloating> a =
        tf.random.statelessRandomNormal(tf.constant(flat), VarianceScaling.seeds(tf, seed), t);
    Qr<TFloating> qr = tf.linalg.qr(a, Qr.fullMatrices(false));
    Operand<TFloating> d = tf.linalg.tensorDiagPart(qr.r());
    Operand<TFloating> q = tf.math.mul(qr.q(), tf.math.sign(d));
    if (transpose) {
      q = tf.linalg.transpose(q, tf.constant(new int[] {1, 0}));
    }
    Operand<TFloating> scaled = tf.math.mul(q, VarianceScaling.cast(tf, gain, t));
    return (Operand<T>) tf.reshape(scaled, tf.constant(shape));
  }

}
