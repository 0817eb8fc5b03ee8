package io.inscope.modules.optimizers;

import io.inscope.configs.schedules.ConstantScheduleSpec;
import io.inscope.configs.schedules.CosineDecaySpec;
import io.inscope.configs.schedules.ExponentialDecaySpec;
import io.inscope.configs.schedules.PiecewiseConstantSpec;
import io.inscope.configs.schedules.PolynomialDecaySpec;
import io.inscope.configs.schedules.ReduceOnPlateauSpec;
import io.inscope.configs.schedules.ScheduleSpec;

/**
 * Keras 3's learning-rate schedules ({@code keras/src/optimizers/schedules/learning_rate_schedule.py},
 * {@code __call__(step)}) in plain Java doubles, with Model Garden's linear warm-up in front, as the
 * independent reference for the in-graph schedules.
 *
 * <pre>
 * warm-up            t < W: t / W · lr(0);  else lr(t − W)
 * cosine_decay       initial · ((1 − α) · ½ (1 + cos(π min(t, D) / D)) + α)
 * exponential_decay  initial · rate^(t / D)   (t / D floored with staircase)
 * piecewise_constant values[i] for the first i with t ≤ boundaries[i], else the last value
 * polynomial_decay   cycle: D · max(1, ceil(t / D)), else t = min(t, D);  (initial − end)(1 − t/D)^power + end
 * reduce_on_plateau  initial until an evaluation lowers it
 * </pre>
 */
public final class KerasSchedules {
  private KerasSchedules() {}

  public static double rate(ScheduleSpec spec, long t) {
    long w = spec.warmupSteps();
    if (t < w) {
      return (double) t / w * plain(spec, 0);
    }
    return plain(spec, t - w);
  }

  private static double plain(ScheduleSpec spec, long t) {
    if (spec instanceof ConstantScheduleSpec s) {
      return s.value();
    } else if (spec instanceof CosineDecaySpec s) {
      double fraction = Math.min(t, s.decaySteps()) / (double) s.decaySteps();
      return s.initial() * ((1 - s.alpha()) * 0.5 * (1 + Math.cos(Math.PI * fraction)) + s.alpha());
    } else if (spec instanceof ExponentialDecaySpec s) {
      double p = t / (double) s.decaySteps();
      return s.initial() * Math.pow(s.decayRate(), s.staircase() ? Math.floor(p) : p);
    } else if (spec instanceof PiecewiseConstantSpec s) {
      for (int i = 0; i < s.boundaries().size(); i++) {
        if (t <= s.boundaries().get(i)) {
          return s.values().get(i);
        }
      }
      return s.values().get(s.values().size() - 1);
    } else if (spec instanceof PolynomialDecaySpec s) {
      double d = s.decaySteps();
      double step = t;
      if (s.cycle()) {
        d *= t == 0 ? 1 : Math.ceil(t / d);
      } else {
        step = Math.min(step, d);
      }
      return (s.initial() - s.endLearningRate()) * Math.pow(1 - step / d, s.power()) + s.endLearningRate();
    }
    return ((ReduceOnPlateauSpec) spec).initial();
  }
}
