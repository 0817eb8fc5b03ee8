package io.inscope.runner.bench;

import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** The fp32 MatMul rate this machine reaches through TensorFlow: the best of several large runs. */
final class MatMulPeak {
  private MatMulPeak() {}

  /** GFLOP/s of an {@code n × n} by {@code n × n} MatMul, best of {@code runs}. */
  static double gflops(ConfigProto config, int n, int runs) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> a = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
      Placeholder<TFloat32> b = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(n, n)));
      // summing the product to a scalar keeps the fetch out of the timing
      Operand<TFloat32> sum = tf.reduceSum(tf.linalg.matMul(a, b), tf.constant(new int[] {0, 1}));
      try (Session s = new Session(g, config);
          TFloat32 at = TFloat32.tensorOf(Shape.of(n, n), d -> d.scalars().forEach(v -> v.setFloat(0.5f)));
          TFloat32 bt = TFloat32.tensorOf(Shape.of(n, n), d -> d.scalars().forEach(v -> v.setFloat(0.25f)))) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < runs + 1; i++) {
          long start = System.nanoTime();
          try (Result r = s.runner().feed(a, at).feed(b, bt).fetch(sum).run()) {
            r.get(0);
          }
          if (i > 0) {
            best = Math.min(best, (System.nanoTime() - start) / 1e9);
          }
        }
        return 2.0 * n * n * n / best / 1e9;
      }
    }
  }
}
