package io.inscope.modules.schedules;

import io.inscope.configs.schedules.ConstantScheduleSpec;
import io.inscope.configs.schedules.CosineDecaySpec;
import io.inscope.configs.schedules.ExponentialDecaySpec;
import io.inscope.configs.schedules.PiecewiseConstantSpec;
import io.inscope.configs.schedules.PolynomialDecaySpec;
import io.inscope.configs.schedules.ReduceOnPlateauSpec;
import io.inscope.configs.schedules.ScheduleSpec;

/** The {@link LearningRate} of a schedule spec, wrapped in its linear warm-up when it has one. */
public final class LearningRates {
  private LearningRates() {}

  public static LearningRate of(ScheduleSpec spec) {
    LearningRate schedule;
    if (spec instanceof ConstantScheduleSpec s) {
      schedule = (tf, replica, step) -> LearningRate.scalar(tf, s.value());
    } else if (spec instanceof CosineDecaySpec s) {
      schedule = new CosineDecay(s);
    } else if (spec instanceof ExponentialDecaySpec s) {
      schedule = new ExponentialDecay(s);
    } else if (spec instanceof PiecewiseConstantSpec s) {
      schedule = new PiecewiseConstant(s);
    } else if (spec instanceof PolynomialDecaySpec s) {
      schedule = new PolynomialDecay(s);
    } else {
      schedule = new ReduceOnPlateau((ReduceOnPlateauSpec) spec);
    }
    return spec.warmupSteps() == 0 ? schedule : new Warmup(schedule, spec.warmupSteps());
  }
}
