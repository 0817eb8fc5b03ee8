package io.inscope.modules.layers;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.Random;
import java.util.function.ToDoubleFunction;

/** Random inputs, tolerance comparisons and finite differences for the layer tests. */
final class Numerics {
  private Numerics() {}

  static float[] uniform(Random random, int n, double low, double high) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (low + (high - low) * random.nextDouble());
    }
    return a;
  }

  static double[] doubles(float[] a) {
    double[] d = new double[a.length];
    for (int i = 0; i < a.length; i++) {
      d[i] = a[i];
    }
    return d;
  }

  /** Fails unless {@code |actual - expected| <= atol + rtol · |expected|} everywhere. */
  static void assertClose(String what, double[] expected, float[] actual, double atol, double rtol) {
    if (expected.length != actual.length) {
      fail(what + ": expected " + expected.length + " values, got " + actual.length);
    }
    for (int i = 0; i < expected.length; i++) {
      double error = Math.abs(actual[i] - expected[i]);
      if (!(error <= atol + rtol * Math.abs(expected[i]))) {
        fail(what + "[" + i + "]: expected " + expected[i] + ", got " + actual[i]
            + " (error " + error + ")");
      }
    }
  }

  static void assertClose(String what, float[] expected, float[] actual, double atol, double rtol) {
    assertClose(what, doubles(expected), actual, atol, rtol);
  }

  /** The central finite-difference gradient of {@code f} at {@code x}, step {@code eps}. */
  static double[] gradient(ToDoubleFunction<double[]> f, double[] x, double eps) {
    double[] g = new double[x.length];
    double[] p = x.clone();
    for (int i = 0; i < x.length; i++) {
      p[i] = x[i] + eps;
      double up = f.applyAsDouble(p);
      p[i] = x[i] - eps;
      double down = f.applyAsDouble(p);
      p[i] = x[i];
      g[i] = (up - down) / (2 * eps);
    }
    return g;
  }

  /** {@code sum(y · w)}: the scalar whose gradient the tests compare. */
  static double dot(double[] y, float[] w) {
    double s = 0;
    for (int i = 0; i < y.length; i++) {
      s += y[i] * w[i];
    }
    return s;
  }
}
