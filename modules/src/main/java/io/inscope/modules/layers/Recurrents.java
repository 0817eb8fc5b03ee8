package io.inscope.modules.layers;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Helpers of the recurrent cells. */
final class Recurrents {
  private Recurrents() {}

  /** {@code x [batch, n · w]} as {@code n} blocks {@code [batch, w]}, in order (the gates). */
  static List<Operand<TFloat32>> split(Ops tf, Operand<TFloat32> x, int n) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    tf.split(tf.constant(1), x, (long) n).forEach(parts::add);
    return parts;
  }

  /**
   * {@code x · kernel} for {@code kernel [in, gates · units]}: one matrix product when {@code xs}
   * holds one input, else gate {@code g}'s columns times {@code xs[g]} (as Keras 3's cells compute
   * each gate with its own dropout mask), concatenated in gate order; in float16 when {@code half}
   * ({@link HalfCompute}).
   */
  static Operand<TFloat32> product(Ops tf, boolean half, List<Operand<TFloat32>> xs, Operand<TFloat32> kernel, int gates) {
    if (xs.size() == 1) {
      return HalfCompute.matMul(tf, half, xs.get(0), kernel);
    }
    List<Operand<TFloat32>> columns = split(tf, kernel, gates);
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (int g = 0; g < gates; g++) {
      parts.add(HalfCompute.matMul(tf, half, xs.get(g), columns.get(g)));
    }
    return tf.concat(parts, tf.constant(1));
  }

  /** {@code h} once, or {@code h ⊙ masks[g]} for each gate when there are masks. */
  static List<Operand<TFloat32>> masked(Ops tf, Operand<TFloat32> h, List<Operand<TFloat32>> masks) {
    if (masks == null) {
      return List.of(h);
    }
    List<Operand<TFloat32>> out = new ArrayList<>();
    for (Operand<TFloat32> m : masks) {
      out.add(tf.math.mul(h, m));
    }
    return out;
  }
}
