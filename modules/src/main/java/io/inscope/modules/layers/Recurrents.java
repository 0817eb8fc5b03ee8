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
}
