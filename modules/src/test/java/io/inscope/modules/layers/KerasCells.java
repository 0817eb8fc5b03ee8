package io.inscope.modules.layers;

/**
 * Keras 3's LSTM and GRU cells with dropout masks (its {@code implementation=1} equations, which
 * Keras uses whenever {@code recurrent_dropout} is set: each gate multiplies its own masked input
 * and masked previous output), in double precision, over {@code x [batch][steps][features]},
 * weights row-major as Keras stores them. Returns the last output {@code [batch][units]}. A null
 * mask list means no dropping; an input mask list of one entry is shared by all gates.
 */
final class KerasCells {
  private KerasCells() {}

  static double[][] lstm(double[][][] x, float[] kernel, float[] recurrent, float[] bias, int units,
      double[][][] inputMasks, double[][][] recurrentMasks, boolean backwards) {
    int batch = x.length;
    int steps = x[0].length;
    double[][] h = new double[batch][units];
    double[][] c = new double[batch][units];
    for (int s = 0; s < steps; s++) {
      int t = backwards ? steps - 1 - s : s;
      double[][] hNext = new double[batch][units];
      for (int b = 0; b < batch; b++) {
        double[][] z = new double[4][units];
        for (int g = 0; g < 4; g++) {
          for (int j = 0; j < units; j++) {
            z[g][j] = gate(x[b][t], mask(inputMasks, g, b), kernel, g, j, units, 4)
                + gate(h[b], mask(recurrentMasks, g, b), recurrent, g, j, units, 4)
                + (bias == null ? 0 : bias[g * units + j]);
          }
        }
        for (int j = 0; j < units; j++) {
          double i = sigmoid(z[0][j]);
          double f = sigmoid(z[1][j]);
          double o = sigmoid(z[3][j]);
          c[b][j] = f * c[b][j] + i * Math.tanh(z[2][j]);
          hNext[b][j] = o * Math.tanh(c[b][j]);
        }
      }
      h = hNext;
    }
    return h;
  }

  /** {@code bias} is {@code [2, 3·units]} (input, recurrent) with {@code resetAfter}, else {@code [3·units]}. */
  static double[][] gru(double[][][] x, float[] kernel, float[] recurrent, float[] bias, int units, boolean resetAfter,
      double[][][] inputMasks, double[][][] recurrentMasks, boolean backwards) {
    int batch = x.length;
    int steps = x[0].length;
    int w = 3 * units;
    double[][] h = new double[batch][units];
    for (int s = 0; s < steps; s++) {
      int t = backwards ? steps - 1 - s : s;
      double[][] hNext = new double[batch][units];
      for (int b = 0; b < batch; b++) {
        for (int j = 0; j < units; j++) {
          double[] in = new double[3];
          double[] rec = new double[3];
          for (int g = 0; g < 3; g++) {
            in[g] = gate(x[b][t], mask(inputMasks, g, b), kernel, g, j, units, 3) + (bias == null ? 0 : bias[g * units + j]);
            rec[g] = gate(h[b], mask(recurrentMasks, g, b), recurrent, g, j, units, 3)
                + (bias != null && resetAfter ? bias[w + g * units + j] : 0);
          }
          double z = sigmoid(in[0] + rec[0]);
          double r = sigmoid(in[1] + rec[1]);
          double candidate;
          if (resetAfter) {
            candidate = Math.tanh(in[2] + r * rec[2]);
          } else {
            double[] m = mask(recurrentMasks, 2, b);
            double sum = 0;
            for (int k = 0; k < units; k++) {
              // the reset gate of unit k scales h[k] before the candidate's recurrent kernel
              double rk = sigmoid(inputGate(x[b][t], inputMasks, b, kernel, bias, 1, k, units)
                  + gate(h[b], mask(recurrentMasks, 1, b), recurrent, 1, k, units, 3));
              sum += rk * h[b][k] * (m == null ? 1 : m[k]) * recurrent[k * w + 2 * units + j];
            }
            candidate = Math.tanh(in[2] + sum);
          }
          hNext[b][j] = z * h[b][j] + (1 - z) * candidate;
        }
      }
      h = hNext;
    }
    return h;
  }

  private static double inputGate(double[] x, double[][][] masks, int b, float[] kernel, float[] bias, int g, int k,
      int units) {
    return gate(x, mask(masks, g, b), kernel, g, k, units, 3) + (bias == null ? 0 : bias[g * units + k]);
  }

  /** {@code sum_f v[f] m[f] W[f, g·units + j]} for {@code W [len(v), gates·units]}. */
  private static double gate(double[] v, double[] m, float[] weights, int g, int j, int units, int gates) {
    double sum = 0;
    for (int f = 0; f < v.length; f++) {
      sum += v[f] * (m == null ? 1 : m[f]) * weights[f * gates * units + g * units + j];
    }
    return sum;
  }

  private static double[] mask(double[][][] masks, int g, int b) {
    return masks == null ? null : masks[masks.length == 1 ? 0 : g][b];
  }

  private static double sigmoid(double v) {
    return 1 / (1 + Math.exp(-v));
  }
}
