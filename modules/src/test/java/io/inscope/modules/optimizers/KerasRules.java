package io.inscope.modules.optimizers;

import io.inscope.configs.optimizers.AdadeltaSpec;
import io.inscope.configs.optimizers.AdagradSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.AdamaxSpec;
import io.inscope.configs.optimizers.AdamwSpec;
import io.inscope.configs.optimizers.FtrlSpec;
import io.inscope.configs.optimizers.LionSpec;
import io.inscope.configs.optimizers.NadamSpec;
import io.inscope.configs.optimizers.OptimizerSpec;
import io.inscope.configs.optimizers.RmspropSpec;
import io.inscope.configs.optimizers.SgdSpec;
import java.util.ArrayList;
import java.util.List;

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
 * lion      w −= η sign(β1 m + (1−β1) g);  m = β2 m + (1−β2) g
 * adamw     adam, after the decay below
 * every kind: η = schedule(t − 1); g clipped; with weight_decay wd, w −= w · wd · η first
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

  /** An update rule at learning rate {@code lr}. */
  interface Update {
    void step(double[] w, double[] g, int t, double lr);
  }

  /**
   * The whole Keras step ({@code BaseOptimizer.apply}): the rate of the schedule at {@code t − 1},
   * the gradients clipped ({@link #clip}), the variable decayed ({@code w −= w · wd · lr}, unless
   * {@code excluded}), then the kind's update.
   */
  static Rule of(OptimizerSpec spec, int n, boolean excluded) {
    Update update = update(spec, n);
    return (w, g, t) -> {
      double lr = KerasSchedules.rate(spec.learningRate(), t - 1);
      double[] clipped = clip(spec, List.of(g)).get(0);
      if (spec.weightDecay() > 0 && !excluded) {
        for (int i = 0; i < n; i++) {
          w[i] -= w[i] * spec.weightDecay() * lr;
        }
      }
      update.step(w, clipped, t, lr);
    };
  }

  static Rule of(OptimizerSpec spec, int n) {
    return of(spec, n, false);
  }

  /** Keras' {@code _clip_gradients}: clipnorm, else global_clipnorm, else clipvalue. */
  static List<double[]> clip(OptimizerSpec spec, List<double[]> grads) {
    List<double[]> out = new ArrayList<>();
    if (spec.clipnorm() != null) {
      for (double[] g : grads) {
        double norm = norm(g);
        out.add(scaled(g, spec.clipnorm() / Math.max(norm, spec.clipnorm())));
      }
    } else if (spec.globalClipnorm() != null) {
      double sum = 0;
      for (double[] g : grads) {
        sum += norm(g) * norm(g);
      }
      double global = Math.sqrt(sum);
      double scale = spec.globalClipnorm() * Math.min(1 / global, 1 / spec.globalClipnorm());
      grads.forEach(g -> out.add(scaled(g, scale)));
    } else if (spec.clipvalue() != null) {
      double c = spec.clipvalue();
      for (double[] g : grads) {
        double[] x = new double[g.length];
        for (int i = 0; i < g.length; i++) {
          x[i] = Math.max(-c, Math.min(c, g[i]));
        }
        out.add(x);
      }
    } else {
      out.addAll(grads);
    }
    return out;
  }

  private static double norm(double[] g) {
    double s = 0;
    for (double x : g) {
      s += x * x;
    }
    return Math.sqrt(s);
  }

  private static double[] scaled(double[] g, double factor) {
    double[] x = new double[g.length];
    for (int i = 0; i < g.length; i++) {
      x[i] = g[i] * factor;
    }
    return x;
  }

  private static Update update(OptimizerSpec spec, int n) {
    if (spec instanceof LionSpec s) {
      return lion(s, n);
    } else if (spec instanceof AdamwSpec s) {
      return adam(new AdamSpec(s.learningRate(), s.beta1(), s.beta2(), s.epsilon(), null, null, null, null), n);
    } else if (spec instanceof SgdSpec s) {
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

  private static Update sgd(SgdSpec s, int n) {
    double mu = s.momentum();
    double[] m = new double[n];
    return (w, g, t, lr) -> {
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

  private static Update adam(AdamSpec s, int n) {
    double[] m = new double[n];
    double[] v = new double[n];
    return (w, g, t, lr) -> {
      double alpha =
          lr * Math.sqrt(1 - Math.pow(s.beta2(), t)) / (1 - Math.pow(s.beta1(), t));
      for (int i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * (1 - s.beta1());
        v[i] += (g[i] * g[i] - v[i]) * (1 - s.beta2());
        w[i] -= alpha * m[i] / (Math.sqrt(v[i]) + s.epsilon());
      }
    };
  }

  private static Update adamax(AdamaxSpec s, int n) {
    double[] m = new double[n];
    double[] u = new double[n];
    return (w, g, t, lr) -> {
      for (int i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * (1 - s.beta1());
        u[i] = Math.max(s.beta2() * u[i], Math.abs(g[i]));
        w[i] -= lr * m[i] / ((1 - Math.pow(s.beta1(), t)) * (u[i] + s.epsilon()));
      }
    };
  }

  private static Update adagrad(AdagradSpec s, int n) {
    double[] a = filled(n, s.initialAccumulatorValue());
    return (w, g, t, lr) -> {
      for (int i = 0; i < n; i++) {
        a[i] += g[i] * g[i];
        w[i] -= lr * g[i] / Math.sqrt(a[i] + 1e-7);
      }
    };
  }

  private static Update adadelta(AdadeltaSpec s, int n) {
    double rho = s.rho();
    double eps = s.epsilon();
    double[] a = new double[n];
    double[] d2 = new double[n];
    return (w, g, t, lr) -> {
      for (int i = 0; i < n; i++) {
        a[i] = rho * a[i] + (1 - rho) * g[i] * g[i];
        double d = -Math.sqrt(d2[i] + eps) / Math.sqrt(a[i] + eps) * g[i];
        d2[i] = rho * d2[i] + (1 - rho) * d * d;
        w[i] += lr * d;
      }
    };
  }

  private static Update rmsprop(RmspropSpec s, int n) {
    double rho = s.rho();
    double[] v = new double[n];
    double[] avg = new double[n];
    double[] m = new double[n];
    return (w, g, t, lr) -> {
      for (int i = 0; i < n; i++) {
        v[i] = rho * v[i] + (1 - rho) * g[i] * g[i];
        double den = v[i] + s.epsilon();
        if (s.centered()) {
          avg[i] = rho * avg[i] + (1 - rho) * g[i];
          den -= avg[i] * avg[i];
        }
        double inc = lr * g[i] / Math.sqrt(den);
        if (s.momentum() > 0) {
          m[i] = s.momentum() * m[i] + inc;
          w[i] -= m[i];
        } else {
          w[i] -= inc;
        }
      }
    };
  }

  private static Update nadam(NadamSpec s, int n) {
    double[] m = new double[n];
    double[] v = new double[n];
    double[] product = {1};
    return (w, g, t, lr) -> {
      double ut = s.beta1() * (1 - 0.5 * Math.pow(0.96, t));
      double ut1 = s.beta1() * (1 - 0.5 * Math.pow(0.96, t + 1));
      product[0] *= ut;
      double p = product[0];
      for (int i = 0; i < n; i++) {
        m[i] += (g[i] - m[i]) * (1 - s.beta1());
        v[i] += (g[i] * g[i] - v[i]) * (1 - s.beta2());
        double mHat = ut1 * m[i] / (1 - p * ut1) + (1 - ut) * g[i] / (1 - p);
        double vHat = v[i] / (1 - Math.pow(s.beta2(), t));
        w[i] -= lr * mHat / (Math.sqrt(vHat) + s.epsilon());
      }
    };
  }

  private static Update ftrl(FtrlSpec s, int n) {
    double p = -s.learningRatePower();
    double l1 = s.l1RegularizationStrength();
    double[] accum = filled(n, s.initialAccumulatorValue());
    double[] z = new double[n];
    return (w, g, t, lr) -> {
      for (int i = 0; i < n; i++) {
        double next = accum[i] + g[i] * g[i];
        z[i] += g[i] - (Math.pow(next, p) - Math.pow(accum[i], p)) / lr * w[i];
        double quadratic = Math.pow(next, p) / lr + 2 * s.l2RegularizationStrength();
        w[i] = (Math.max(-l1, Math.min(l1, z[i])) - z[i]) / quadratic;
        accum[i] = next;
      }
    };
  }

  private static Update lion(LionSpec s, int n) {
    double[] m = new double[n];
    return (w, g, t, lr) -> {
      for (int i = 0; i < n; i++) {
        w[i] -= lr * Math.signum(m[i] * s.beta1() + g[i] * (1 - s.beta1()));
        m[i] = m[i] * s.beta2() + g[i] * (1 - s.beta2());
      }
    };
  }

  private static double[] filled(int n, double value) {
    double[] a = new double[n];
    java.util.Arrays.fill(a, value);
    return a;
  }
}
