package io.inscope.modules.losses;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;

/**
 * Runs tiny graphs in numeric tests: float arrays in, float arrays out. Every tensor fed or fetched
 * is closed here, so tests never leak native memory.
 */
public final class GraphRuns {
  private GraphRuns() {}

  /**
   * Runs {@code fetches} once.
   *
   * @param feeds float32 operands of fully known static shape, with their row-major values
   * @return each fetch's values, row-major, in the order of {@code fetches}
   */
  public static List<float[]> run(
      Session session, Map<? extends Operand<TFloat32>, float[]> feeds, List<? extends Operand<?>> fetches) {
    List<TFloat32> fed = new ArrayList<>();
    try {
      Session.Runner runner = session.runner();
      for (Map.Entry<? extends Operand<TFloat32>, float[]> e : feeds.entrySet()) {
        TFloat32 t = tensor(e.getKey().shape(), e.getValue());
        fed.add(t);
        runner.feed(e.getKey(), t);
      }
      fetches.forEach(runner::fetch);
      try (Result result = runner.run()) {
        List<float[]> values = new ArrayList<>();
        for (int i = 0; i < fetches.size(); i++) {
          values.add(floats((TFloat32) result.get(i)));
        }
        return values;
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** Runs one fetch with no feeds. */
  public static float[] run(Session session, Operand<?> fetch) {
    return run(session, Map.of(), List.of(fetch)).get(0);
  }

  /** A new float32 tensor; the caller closes it. */
  public static TFloat32 tensor(Shape shape, float[] values) {
    if (shape.size() != values.length) {
      throw new IllegalArgumentException(values.length + " values for shape " + shape);
    }
    return TFloat32.tensorOf(shape, d -> d.copyFrom(DataBuffers.of(values)));
  }

  static float[] floats(TFloat32 t) {
    float[] out = new float[(int) t.shape().size()];
    FloatDataBuffer buffer = DataBuffers.of(out, false, false);
    t.copyTo(buffer);
    return out;
  }

  /** Fails with the index and both values unless {@code |a - e| <= tol * max(1, |e|)} everywhere. */
  public static void assertClose(double[] expected, float[] actual, double tol, String what) {
    if (expected.length != actual.length) {
      throw new AssertionError(what + ": " + actual.length + " values, expected " + expected.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double e = expected[i];
      if (!(Math.abs(actual[i] - e) <= tol * Math.max(1.0, Math.abs(e)))) {
        throw new AssertionError(what + "[" + i + "]: expected " + e + " but was " + actual[i]);
      }
    }
  }
}
