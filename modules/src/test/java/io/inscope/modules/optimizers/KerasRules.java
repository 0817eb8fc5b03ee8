package io.inscope.modules.optimizers;

import io.inscope.configs.optimizers.AdadeltaSpec;
import io.inscope.configs.optimizers.AdagradSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.AdamaxSpec;
import io.inscope.configs.optimizers.FtrlSpec;
import io.inscope.configs.optimizers.NadamSpec;
import io.inscope.configs.optimizers.OptimizerSpec;
import io.inscope.configs.optimizers.RmspropSpec;
import io.inscope.configs.optimizers.SgdSpec;

/**
 * Keras 3's update rules ({@code keras/src/optimizers/*.py}, {@code update_step}), written out in
 * plain Java doubles, element by element, as the independent reference for {@link
 * OptimizersModuleTest}. {@code t} is the 1-based step; {@code η} the learning rate; {@code ε} the
 * spec's epsilon (Adagrad's is Keras' fixed 1e-7); every slot starts at 0 unless noted.
 *
 * <pre>
 * sgd       μ = 0: w −= η g.   μ > 0: m = μ m − η g;  w += m,  or with Nesterov w += μ m − η g
 * adam      m = β1 m + (1−β1) g;  v = β2 v + (1−β2) g²;  w −= η √(1−β2^t) / (1−β1^t) · m / (√v + ε)
 * adamax    m = β1 m + (1−β1) g;  u = max(β2 u, |g|);  w −= η m / ((1−β1^t) (u + ε))
 * adagrad   a (starts at initial_accumulator_value) += g²;  w −= η g / √(a + 1e-7)
 * adadelta  a = ρ a + (1−ρ) g²;  d = −√(s + ε) / √(a + ε) · g;  s = ρ s + (1−ρ) d²;  w += η d
 * rmsprop   v = ρ v + (1−ρ) g²;  centered: ḡ = ρ ḡ + (1−ρ) g, den = v − ḡ² + ε, else den = v + ε;
 *           i = η g / √den;  μ > 0: m = μ m + i, w −= m;  else w −= i
 * nadam     u_t = β1 (1 − ½ 0.96^t);  P_t = Π_{k≤t} u_k;  m, v as adam;
 *           m̂ = u_{t+1} m / (1 − P_t u_{t+1}) + (1 − u_t) g / (1 − P_t);  v̂ = v / (1 − β2^t);
 *           w −= η m̂ / (√v̂ + ε)
 * ftrl      p = −learning_rate_power;  n (starts at initial_accumulator_value);  n' = n + g²;
 *           z += g − (n'^p − n^p) / η · w;  w = (clip(z, −l1, l1) − z) / (n'^p / η + 2 l2);  n = n'
 * </pre>
 */
final class KerasRules {
  private KerasRules() {}

  /** One optimizer's state over {@code n} elements, updated in place. */
  interface Rule {
    void step(double[] w, double[] g, int t);
  }

  static Rule of(OptimizerSpec spec, int n) {
    if (spec instanceof SgdSpec s) {
      return sgd(s, n);
    } else if (spec instanceof AdamSpec s) {
      return adam(s, n);
    } else if (spec instanceof AdamaxSpec s) {
      return adamax(s, n);
    } else if (spec instanceof AdagradSpec s) {
      return adagrad(s, n);
    } else if (spec instanceof AdadeltaSpec s) {
      return adadelta(s, n);
    } else if (spec instanceof RmspropSpec s) {
      return rmsprop(s, n);
    } else if (spec instanceof NadamSpec s) {
      return nadam(s, n);
    }
    return ftrl((FtrlSpec) spec, n);
  }

  private static Rule sgd(SgdSpec s, int n) {
    double lr = s.learningRate();
    double mu = s.momentum();
    double[] m = new double[n];
    return (w, g, t) -> {
      for (int i = 0; i < n; i++) {
        if (mu == 0) {
          w[i] -= lr * g[i];
        } else {
          m[i] = mu * m[i] - lr * g[i];
          w[i] += s.nesterov() ? mu * m[i] - lr * g[i] : m[i];
        }
      }
    };
  }

  private static Rule adam(AdamSpec s, int n) {
    double[] m = new double[n];
    double[] v = new double[n];
    return (w, g, t) -> {
      double alpha =
          s.learningRate() * Math.sqrt(1 - Math.pow(s.beta2(), t)) / (1 - Math.pow(s.beta1(), t));
      for (int i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * (1 - s.beta1());
        v[i] += (g[i] * g[i] - v[i]) * (1 - s.beta2());
        w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + s.epsilon());
      }
    };
  }

  private static Rule adamax(AdamaxSpec s, int n) {
    double[] m = new double[n];
    double[] u = new double[n];
    return (w, g, t) -> {
      for (int i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * (1 - s.beta1());
        u[i] = Math.max(s.beta2() * u[i], Math.abs(g[i]));
        w[i] -= s.learningRate() * m[i] / ((1 - Math.pow(s.beta1(), t)) * (u[i] + s.epsilon()));
      }
    };
  }

  private static Rule adagrad(AdagradSpec s, int n) {
    double[] a = filled(n, s.initialAccumulatorValue());
    return (w, g, t) -> {
      for (int i = 0; i < n; i++) {
        a[i] += g[i] * g[i];
        w[i] -= s.learningRate() * g[i] / Math.sqrt(a[i] + 1e-7);
      }
    };
  }

  private static Rule adadelta(AdadeltaSpec s, int n) {
    double rho = s.rho();
    double eps = s.epsilon();
    double[] a = new double[n];
    double[] d2 = new double[n];
    return (w, g, t) -> {
      for (int i = 0; i < n; i++) {
        a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
        double d = -Math.sqrt(d2[i] + eps) / Math.sqrt(a[i] + eps) * g[i];
        d2[i] = rho * d2[i] + (1 - rho) * d * d;
        w[i] += s.learningRate() * d;
      }
    };
  }

  private static Rule rmsprop(RmspropSpec s, int n) {
    double rho = s.rho();
    double[] v = new double[n];
    double[] avg = new double[n];
    double[] m = new double[n];
    return (w, g, t) -> {
      for (int i = 0; i < n; i++) {
        v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
        double den = v[i] + s.epsilon();
        if (s.centered()) {
          avg[i] = rho * avg[i] + (1 - rho) * g[i];
          den -= avg[i] * avg[i];
        }
        double inc = s.learningRate() * g[i] / Math.sqrt(den);
        if (s.momentum() > 0) {
          m[i] = s.momentum() * m[i] + inc;
          w[i] -= m[i];
        } else {
          w[i] -= inc;
        }
      }
    };
  }

  private static Rule nadam(NadamSpec s, int n) {
    double[] m = new double[n];
    double[] v = new double[n];
    double[] product = {1};
    return (w, g, t) -> {
      double ut = s.beta1() * (1 - 0.5 * Math.pow(0.96, t));
      double ut1 = s.beta1() * (1 - 0.5 * Math.pow(0.96, t + 1));
      product[0] *= ut;
      double p = product[0];
      for (int i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * (1 - s.beta1());
        v[i] += (g[i] * g[i] - v[i]) * (1 - s.beta2());
        double mHat = ut1 * m[i] / (1 - p * ut1) + (1 - ut) * g[i] / (1 - p);
        double vHat = v[i] / (1 - Math.pow(s.beta2(), t));
        w[i] -= s.learningRate() * mHat / (Math.sqrt(vHat) + s.epsilon());
      }
    };
  }

  private static Rule ftrl(FtrlSpec s, int n) {
    double lr = s.learningRate();
    double p = -s.learningRatePower();
    double l1 = s.l1RegularizationStrength();
    double[] accum = filled(n, s.initialAccumulatorValue());
    double[] z = new double[n];
    return (w, g, t) -> {
      for (int i = 0; i < n; i++) {
        double next = accum[i] + g[i] * g[i];
        z[i] += g[i] - (Math.pow(next, p) - Math.pow(accum[i], p)) / lr * w[i];
        double quadratic = Math.pow(next, p) / lr + 2 * s.l2RegularizationStrength();
        w[i] = (Math.max(-l1, Math.min(l1, z[i])) - z[i]) / quadratic;
        accum[i] = next;
      }
    };
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }
}
