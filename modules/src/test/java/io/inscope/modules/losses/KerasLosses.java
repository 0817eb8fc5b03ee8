package io.inscope.modules.losses;

import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.HuberSpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.MeanAbsoluteErrorSpec;
import io.inscope.configs.losses.MeanSquaredErrorSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;

/**
 * Keras' losses in plain Java doubles, the independent reference for {@link LossesModuleTest}.
 * Labels come as rows ({@code y}, one-hot for class ids); {@code o} is one example's outputs over
 * its {@code K} units; {@code ε = 1e-7}; the batch loss is the mean of the per-example losses.
 *
 * <pre>
 * categorical, sparse    y' = (1 − s) y + s / K;  logits: −Σ y' log softmax(o);
 *                        probabilities: q = clip(o / Σo, ε, 1 − ε), −Σ y' log q
 * binary                 y' = (1 − s) y + s / 2;  logits: mean(max(o, 0) − o y' + log(1 + e^−|o|));
 *                        probabilities: q = clip(o, ε, 1 − ε), mean(−y' log q − (1 − y') log(1 − q))
 * mean_squared_error     mean((o − y)²)
 * mean_absolute_error    mean(|o − y|)
 * huber                  mean(½ e² if |e| ≤ δ else δ |e| − ½ δ²),  e = o − y
 * </pre>
 */
final class KerasLosses {
  static final double EPSILON = 1e-7;

  private KerasLosses() {}

  static double batchLoss(LossSpec spec, double[][] y, double[][] outputs) {
    return batchLoss(spec, y, outputs, null);
  }

  /**
   * Keras' {@code class_weight}: each example's loss times its class's weight (the class of a
   * one-hot row, or the 0/1 label of a one-output binary example), summed and divided by the
   * number of examples.
   */
  static double batchLoss(LossSpec spec, double[][] y, double[][] outputs, double[] classWeights) {
    double sum = 0;
    for (int i = 0; i < y.length; i++) {
      double w = 1;
      if (classWeights != null) {
        int c = 0;
        if (y[i].length == 1) {
          c = (int) Math.round(y[i][0]);
        } else {
          for (int j = 1; j < y[i].length; j++) {
            c = y[i][j] > y[i][c] ? j : c;
          }
        }
        w = classWeights[c];
      }
      sum += w * exampleLoss(spec, y[i], outputs[i]);
    }
    return sum / y.length;
  }

  /** d batchLoss / d outputs by central differences (step {@code h}) of {@link #batchLoss}. */
  static double[][] numericGradient(LossSpec spec, double[][] y, double[][] outputs, double h) {
    double[][] grad = new double[outputs.length][];
    for (int i = 0; i < outputs.length; i++) {
      grad[i] = new double[outputs[i].length];
      for (int j = 0; j < outputs[i].length; j++) {
        double keep = outputs[i][j];
        outputs[i][j] = keep + h;
        double up = batchLoss(spec, y, outputs);
        outputs[i][j] = keep - h;
        double down = batchLoss(spec, y, outputs);
        outputs[i][j] = keep;
        grad[i][j] = (up - down) / (2 * h);
      }
    }
    return grad;
  }

  private static double exampleLoss(LossSpec spec, double[] y, double[] o) {
    if (spec instanceof SparseCategoricalCrossentropySpec s) {
      return categorical(y, o, s.fromLogits(), s.labelSmoothing());
    } else if (spec instanceof CategoricalCrossentropySpec s) {
      return categorical(y, o, s.fromLogits(), s.labelSmoothing());
    } else if (spec instanceof BinaryCrossentropySpec s) {
      double sum = 0;
      for (int j = 0; j < o.length; j++) {
        sum += binary((1 - s.labelSmoothing()) * y[j] + s.labelSmoothing() / 2, o[j], s.fromLogits());
      }
      return sum / o.length;
    }
    double sum = 0;
    for (int j = 0; j < o.length; j++) {
      double e = o[j] - y[j];
      if (spec instanceof MeanSquaredErrorSpec) {
        sum += e * e;
      } else if (spec instanceof MeanAbsoluteErrorSpec) {
        sum += Math.abs(e);
      } else {
        double delta = ((HuberSpec) spec).delta();
        sum += Math.abs(e) <= delta ? 0.5 * e * e : delta * Math.abs(e) - 0.5 * delta * delta;
      }
    }
    return sum / o.length;
  }

  private static double categorical(double[] y, double[] o, boolean fromLogits, double smoothing) {
    int k = o.length;
    double[] logQ = new double[k];
    if (fromLogits) {
      double max = Double.NEGATIVE_INFINITY;
      for (double v : o) {
        max = Math.max(max, v);
      }
      double z = 0;
      for (double v : o) {
        z += Math.exp(v - max);
      }
      for (int j = 0; j < k; j++) {
        logQ[j] = o[j] - max - Math.log(z);
      }
    } else {
      double total = 0;
      for (double v : o) {
        total += v;
      }
      for (int j = 0; j < k; j++) {
        logQ[j] = Math.log(clip(o[j] / total));
      }
    }
    double loss = 0;
    for (int j = 0; j < k; j++) {
      loss -= ((1 - smoothing) * y[j] + smoothing / k) * logQ[j];
    }
    return loss;
  }

  private static double binary(double y, double o, boolean fromLogits) {
    if (fromLogits) {
      return Math.max(o, 0) - o * y + Math.log1p(Math.exp(-Math.abs(o)));
    }
    double q = clip(o);
    return -y * Math.log(q) - (1 - y) * Math.log(1 - q);
  }

  private static double clip(double p) {
    return Math.min(1 - EPSILON, Math.max(EPSILON, p));
  }
}
