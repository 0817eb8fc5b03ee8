package io.inscope.modules.schedules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.MonitorMode;
import io.inscope.configs.schedules.ConstantScheduleSpec;
import io.inscope.configs.schedules.CosineDecaySpec;
import io.inscope.configs.schedules.ExponentialDecaySpec;
import io.inscope.configs.schedules.PiecewiseConstantSpec;
import io.inscope.configs.schedules.PolynomialDecaySpec;
import io.inscope.configs.schedules.ReduceOnPlateauSpec;
import io.inscope.configs.schedules.ScheduleSpec;
import io.inscope.modules.optimizers.KerasSchedules;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.StrategyScope;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Every schedule, computed in the graph from an int64 step, against Keras' formulas in plain Java
 * doubles ({@link KerasSchedules}) at every step from 0 to 40 (warm-up, decay, the end of the decay
 * and beyond): within 2e-6 relative plus 1e-6 of the initial rate (float32 arithmetic against
 * doubles; near the end of a cosine, {@code 1 + cos} cancels in float32).
 */
class LearningRatesTest {
  private static final double TOLERANCE = 2e-6;

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("constant", new ConstantScheduleSpec(0.01, 0)),
        Arguments.of("constant warm-up", new ConstantScheduleSpec(0.01, 7)),
        Arguments.of("cosine", new CosineDecaySpec(1e-3, 25, 0.0, 0)),
        Arguments.of("cosine alpha warm-up", new CosineDecaySpec(1e-3, 20, 0.1, 5)),
        Arguments.of("exponential", new ExponentialDecaySpec(0.1, 10, 0.5, false, 0)),
        Arguments.of("exponential staircase warm-up", new ExponentialDecaySpec(0.1, 7, 0.9, true, 3)),
        Arguments.of("piecewise", new PiecewiseConstantSpec(List.of(5L, 12L, 30L), List.of(0.1, 0.05, 0.01, 0.001), 0)),
        Arguments.of("piecewise warm-up", new PiecewiseConstantSpec(List.of(5L), List.of(0.1, 0.05), 4)),
        Arguments.of("polynomial", new PolynomialDecaySpec(0.1, 20, 1e-4, 1.0, false, 0)),
        Arguments.of("polynomial power", new PolynomialDecaySpec(0.1, 15, 0.01, 2.5, false, 2)),
        Arguments.of("polynomial cycle", new PolynomialDecaySpec(0.1, 8, 0.001, 0.5, true, 0)),
        Arguments.of("reduce on plateau warm-up", new ReduceOnPlateauSpec(0.02, "eval.loss", MonitorMode.AUTO, 0.1, 2, 1e-4, 0, 0.0, 3)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void followsKerasSchedule(String name, ScheduleSpec spec) {
    try (Graph g = new Graph()) {
      Placeholder<TInt64> step;
      Operand<TFloat32> rate;
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 7)) {
        LearningRate lr = LearningRates.of(spec);
        lr.build(scope);
        step = scope.tf().placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
        rate = lr.at(scope.tf(), 0, step);
        scope.verifyEveryVariableOwned();
      }
      try (Session s = new Session(g)) {
        s.initialize();
        for (long t = 0; t <= 40; t++) {
          try (TInt64 at = TInt64.scalarOf(t); Result r = s.runner().feed(step, at).fetch(rate).run()) {
            double expected = KerasSchedules.rate(spec, t);
            double actual = ((TFloat32) r.get(0)).getFloat();
            assertEquals(expected, actual, TOLERANCE * Math.abs(expected) + 1e-6 * spec.initialValue(), name + " at step " + t);
          }
        }
      }
    }
  }
}
