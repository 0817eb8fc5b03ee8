package io.inscope.modules.optimizers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Keras' gradient clipping ({@code BaseOptimizer._clip_gradients}), applied to the gradients after
 * they are averaged across replicas, so every replica clips the same values.
 *
 * <pre>
 * clipnorm c         g · c / max(‖g‖, c)                      per gradient (‖0‖ = 0)
 * global_clipnorm c  g · c · min(1/N, 1/c), N = √Σ‖g_i‖²     all gradients together
 * clipvalue c        clip(g, −c, c)                           elementwise
 * </pre>
 */
final class Clipping {
  private Clipping() {}

  static List<Operand<TFloat32>> apply(Ops tf, Settings s, List<Operand<TFloat32>> grads) {
    if (s.clipnorm() != null) {
      List<Operand<TFloat32>> out = new ArrayList<>();
      Operand<TFloat32> c = tf.constant(s.clipnorm().floatValue());
      for (Operand<TFloat32> g : grads) {
        out.add(tf.math.div(tf.math.mul(g, c), tf.math.maximum(norm(tf, g), c)));
      }
      return out;
    }
    if (s.globalClipnorm() != null && !grads.isEmpty()) {
      Operand<TFloat32> c = tf.constant(s.globalClipnorm().floatValue());
      List<Operand<TFloat32>> squares = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        squares.add(sumOfSquares(tf, g));
      }
      Operand<TFloat32> global = tf.math.sqrt(squares.size() == 1 ? squares.get(0) : tf.math.addN(squares));
      Operand<TFloat32> one = tf.constant(1f);
      // Keras: c · min(1/N, 1/c); N = 0 gives 1/N = inf, so the scale is 1
      Operand<TFloat32> scale = tf.math.mul(c, tf.math.minimum(tf.math.div(one, global), tf.math.div(one, c)));
      List<Operand<TFloat32>> out = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        out.add(tf.math.mul(g, scale));
      }
      return out;
    }
    if (s.clipvalue() != null) {
      Operand<TFloat32> hi = tf.constant(s.clipvalue().floatValue());
      Operand<TFloat32> lo = tf.constant(-s.clipvalue().floatValue());
      List<Operand<TFloat32>> out = new ArrayList<>();
      for (Operand<TFloat32> g : grads) {
        out.add(tf.clipByValue(g, lo, hi));
      }
      return out;
    }
    return grads;
  }

  private static Operand<TFloat32> sumOfSquares(Ops tf, Operand<TFloat32> g) {
    return tf.reduceSum(tf.math.square(g), tf.range(tf.constant(0), tf.rank(g), tf.constant(1)));
  }

  /** Keras' safe norm: 0 for an all-zero gradient. */
  private static Operand<TFloat32> norm(Ops tf, Operand<TFloat32> g) {
    Operand<TFloat32> l2sum = sumOfSquares(tf, g);
    return tf.math.sqrt(l2sum);
  }
}
