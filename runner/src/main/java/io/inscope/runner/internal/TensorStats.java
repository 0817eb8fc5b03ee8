package io.inscope.runner.internal;

import java.util.Locale;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.DoubleNdArray;
import org.tensorflow.ndarray.FloatNdArray;
import org.tensorflow.ndarray.IntNdArray;
import org.tensorflow.ndarray.LongNdArray;
import org.tensorflow.ndarray.buffer.DataBuffers;

/**
 * The values of a numeric tensor in brief: its minimum, maximum and mean (NaN when it has no
 * elements or is not numeric; a NaN element makes them NaN), computed in double.
 *
 * @param elements how many values
 */
public record TensorStats(long elements, double min, double max, double mean) {
  public static TensorStats of(Tensor t) {
    double[] v = values(t);
    if (v == null || v.length == 0) {
      return new TensorStats(v == null ? 0 : v.length, Double.NaN, Double.NaN, Double.NaN);
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    boolean nan = false;
    for (double x : v) {
      nan |= Double.isNaN(x);
      min = Math.min(min, x);
      max = Math.max(max, x);
      sum += x;
    }
    return nan ? new TensorStats(v.length, Double.NaN, Double.NaN, Double.NaN) : new TensorStats(v.length, min, max, sum / v.length);
  }

  /** {@code = 600} for a scalar; {@code min -0.41 max 0.52 mean 0.0012} otherwise. */
  public String text(boolean scalar) {
    if (Double.isNaN(min) && elements == 0) {
      return "-";
    }
    if (scalar) {
      return "= " + number(min);
    }
    return "min " + number(min) + " max " + number(max) + " mean " + number(mean);
  }

  private static String number(double x) {
    if (x == Math.rint(x) && Math.abs(x) < 1e15) {
      return Long.toString((long) x);
    }
    return String.format(Locale.ROOT, "%.6g", x);
  }

  private static double[] values(Tensor t) {
    int n = (int) Math.min(Integer.MAX_VALUE, t.shape().size());
    double[] out = new double[n];
    if (t instanceof FloatNdArray f) {
      float[] a = new float[n];
      f.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
    } else if (t instanceof DoubleNdArray d) {
      d.copyTo(DataBuffers.of(out, false, false));
    } else if (t instanceof IntNdArray in) {
      int[] a = new int[n];
      in.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
    } else if (t instanceof LongNdArray l) {
      long[] a = new long[n];
      l.copyTo(DataBuffers.of(a, false, false));
      for (int i = 0; i < n; i++) {
        out[i] = a[i];
      }
    } else {
      return null;
    }
    return out;
  }
}
