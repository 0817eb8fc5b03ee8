package io.inscope.modules.optimizers;

import static io.inscope.modules.losses.GraphRuns.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.Kind;
import io.inscope.configs.optimizers.AdadeltaSpec;
import io.inscope.configs.optimizers.AdagradSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.AdamaxSpec;
import io.inscope.configs.optimizers.AdamwSpec;
import io.inscope.configs.optimizers.EmaSpec;
import io.inscope.configs.optimizers.FtrlSpec;
import io.inscope.configs.optimizers.LionSpec;
import io.inscope.configs.optimizers.NadamSpec;
import io.inscope.configs.optimizers.OptimizerSpec;
import io.inscope.configs.optimizers.RmspropSpec;
import io.inscope.configs.optimizers.SgdSpec;
import io.inscope.configs.schedules.CosineDecaySpec;
import io.inscope.configs.schedules.ExponentialDecaySpec;
import io.inscope.configs.schedules.PiecewiseConstantSpec;
import io.inscope.configs.schedules.PolynomialDecaySpec;
import io.inscope.configs.schedules.ScheduleSpec;
import io.inscope.modules.losses.GraphRuns;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.StrategyScope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Every bound optimizer kind against Keras' update rule ({@link KerasRules} gives the formulas).
 * A [3, 2] float32 variable created through a one-device {@link StrategyScope} minimizes the
 * quadratic {@code L(w) = Σ a (w − c)²}, so {@code g = 2 a (w − c)}; one element starts at its
 * target, so its gradient is exactly 0. Gradients come from {@code graph.addGradients} and go to the
 * optimizer's {@code apply}, as the training step does. After each of 5 steps the variable
 * must equal the plain-Java double trajectory within 1e-5 relative (absolute below 1).
 */
class OptimizersModuleTest {
  private static final Shape SHAPE = Shape.of(3, 2);
  private static final float[] W0 = {0.5f, -1.0f, 2.0f, 0.25f, -0.75f, 1.5f};
  private static final float[] TARGET = {0.0f, 1.0f, -1.0f, 0.25f, 0.5f, -0.5f};
  private static final float[] WEIGHT = {1.0f, 0.5f, 2.0f, 1.0f, 3.0f, 0.25f};
  private static final int STEPS = 5;
  private static final double TOLERANCE = 1e-5;

  private static final Map<String, OptimizerFactory> KINDS =
      Guice.createInjector(new OptimizersModule())
          .getInstance(Key.get(new TypeLiteral<Map<String, OptimizerFactory>>() {}));

  static Stream<Arguments> cases() {
    return Stream.of(
        Arguments.of("sgd", new SgdSpec(0.1, 0.0, false)),
        Arguments.of("sgd momentum", new SgdSpec(0.1, 0.9, false)),
        Arguments.of("sgd nesterov", new SgdSpec(0.1, 0.9, true)),
        Arguments.of("adam", new AdamSpec(0.1, 0.9, 0.999, 1e-7)),
        Arguments.of("adam large epsilon", new AdamSpec(0.05, 0.8, 0.99, 0.1)),
        Arguments.of("adamax", new AdamaxSpec(0.1, 0.9, 0.999, 1e-7)),
        Arguments.of("adagrad", new AdagradSpec(0.1, 0.1)),
        Arguments.of("adagrad zero accumulator", new AdagradSpec(0.1, 0.0)),
        Arguments.of("adadelta", new AdadeltaSpec(1.0, 0.95, 1e-7)),
        Arguments.of("rmsprop", new RmspropSpec(0.1, 0.9, 0.0, 1e-7, false)),
        Arguments.of("rmsprop centered", new RmspropSpec(0.1, 0.9, 0.0, 1e-7, true)),
        Arguments.of("rmsprop momentum", new RmspropSpec(0.1, 0.9, 0.5, 1e-7, false)),
        Arguments.of("rmsprop centered momentum", new RmspropSpec(0.05, 0.8, 0.5, 1e-7, true)),
        Arguments.of("nadam", new NadamSpec(0.1, 0.9, 0.999, 1e-7)),
        Arguments.of("ftrl", new FtrlSpec(0.1, -0.5, 0.1, 0.01, 0.01)),
        Arguments.of("ftrl power", new FtrlSpec(0.2, -0.7, 0.5, 0.0, 0.05)),
        Arguments.of("adamw", new AdamwSpec(ScheduleSpec.constant(0.1), 0.05, List.of(), 0.9, 0.999, 1e-7, null, null, null, null)),
        Arguments.of("adamw cosine warm-up clipnorm", new AdamwSpec(new CosineDecaySpec(0.1, 4, 0.1, 2), 0.05, List.of(), 0.9, 0.999, 1e-7, 1.0, null, null, null)),
        Arguments.of("lion", new LionSpec(ScheduleSpec.constant(0.05), 0.9, 0.99, 0.0, List.of(), null, null, null, null)),
        Arguments.of("lion decay clipvalue", new LionSpec(ScheduleSpec.constant(0.05), 0.8, 0.95, 0.1, List.of(), null, 0.5, null, null)),
        Arguments.of("sgd weight decay", new SgdSpec(ScheduleSpec.constant(0.1), 0.0, false, 0.2, List.of(), null, null, null, null)),
        Arguments.of("sgd momentum exponential decay global_clipnorm", new SgdSpec(
            new ExponentialDecaySpec(0.1, 2, 0.5, false, 0), 0.9, false, 0.0, List.of(), null, null, 2.0, null)),
        Arguments.of("sgd nesterov piecewise", new SgdSpec(
            new PiecewiseConstantSpec(List.of(1L, 3L), List.of(0.1, 0.05, 0.01), 0), 0.9, true, 0.0, List.of(), null, null, null, null)),
        Arguments.of("adam polynomial cycle clipvalue", new AdamSpec(new PolynomialDecaySpec(0.1, 2, 0.01, 2.0, true, 1), 0.9, 0.999, 1e-7, null, 1.0, null, null)),
        Arguments.of("rmsprop clipnorm", new RmspropSpec(ScheduleSpec.constant(0.1), 0.9, 0.5, 1e-7, true, 0.5, null, null, null)));
  }

  /** A variable whose name matches {@code exclude_from_weight_decay} is updated as without decay. */
  @Test
  void excludedVariablesAreNotDecayed() {
    AdamwSpec spec = new AdamwSpec(ScheduleSpec.constant(0.1), 0.5, List.of("^w$"), 0.9, 0.999, 1e-7, null, null, null, null);
    trajectory("adamw excluded", spec, KerasRules.of(spec, W0.length, true));
  }

  /**
   * ema: the average follows Keras' {@code a = μ a + (1 − μ) w} (a = w after the first step), the
   * weights follow Adam unchanged, and two swaps exchange weights and averages and back exactly.
   */
  @Test
  void emaAveragesTheWeightsAndSwapsExactly() {
    AdamSpec spec = new AdamSpec(ScheduleSpec.constant(0.1), 0.9, 0.999, 1e-7, null, null, null, new EmaSpec(0.8));
    KerasRules.Rule rule = KerasRules.of(spec, W0.length);
    double[] w = toDouble(W0);
    double[] average = new double[W0.length];
    try (Graph g = new Graph()) {
      Op apply;
      Operand<TFloat32> variable;
      Op swap;
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 7)) {
        Ops tf = scope.tf();
        MirroredVariable<TFloat32> v =
            scope.createVariable("w", SHAPE, TFloat32.class, MirroredVariable.Kind.WEIGHT, true,
                (init, shape, seed) -> init.constant(shape, DataBuffers.of(W0)));
        variable = v.read(tf, 0);
        Operand<TFloat32> diff = tf.math.sub(variable, tf.constant(SHAPE, DataBuffers.of(TARGET)));
        Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(tf.constant(SHAPE, DataBuffers.of(WEIGHT)), tf.math.square(diff)),
            tf.constant(new int[] {0, 1}));
        @SuppressWarnings("unchecked")
        Output<TFloat32> grad = (Output<TFloat32>) g.addGradients(loss.asOutput(), new Output<?>[] {variable.asOutput()})[0];
        Optimizer optimizer = KINDS.get("adam").create(spec);
        optimizer.build(scope, List.of(v));
        apply = optimizer.apply(tf.withControlDependencies(List.of(grad)), 0, List.of(grad));
        swap = optimizer.emaSwap();
        scope.verifyEveryVariableOwned();
      }
      try (Session s = new Session(g)) {
        for (int t = 1; t <= STEPS; t++) {
          s.run(apply);
          rule.step(w, gradient(w), t);
          for (int i = 0; i < w.length; i++) {
            average[i] = t == 1 ? w[i] : 0.8 * average[i] + 0.2 * w[i];
          }
        }
        float[] raw = GraphRuns.run(s, variable);
        assertClose(w, raw, TOLERANCE, "weights with ema");
        s.run(swap);
        assertClose(average, GraphRuns.run(s, variable), TOLERANCE, "the average, swapped in");
        s.run(swap);
        org.junit.jupiter.api.Assertions.assertArrayEquals(raw, GraphRuns.run(s, variable), "two swaps restore the weights bit for bit");
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void followsKerasUpdateRule(String name, OptimizerSpec spec) {
    trajectory(name, spec, KerasRules.of(spec, W0.length));
  }

  private static void trajectory(String name, OptimizerSpec spec, KerasRules.Rule rule) {
    double[] w = toDouble(W0);
    try (Graph g = new Graph()) {
      Op apply;
      Operand<TFloat32> variable;
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 7)) {
        Ops tf = scope.tf();
        MirroredVariable<TFloat32> v =
            scope.createVariable("w", SHAPE, TFloat32.class, MirroredVariable.Kind.WEIGHT, true,
                (init, shape, seed) -> init.constant(shape, DataBuffers.of(W0)));
        variable = v.read(tf, 0);
        Operand<TFloat32> diff = tf.math.sub(variable, tf.constant(SHAPE, DataBuffers.of(TARGET)));
        Operand<TFloat32> loss =
            tf.reduceSum(
                tf.math.mul(tf.constant(SHAPE, DataBuffers.of(WEIGHT)), tf.math.square(diff)),
                tf.constant(new int[] {0, 1}));
        Output<?>[] grads = g.addGradients(loss.asOutput(), new Output<?>[] {variable.asOutput()});
        @SuppressWarnings("unchecked")
        Output<TFloat32> grad = (Output<TFloat32>) grads[0];
        Optimizer optimizer = KINDS.get(kind(spec)).create(spec);
        optimizer.build(scope, List.of(v));
        apply = optimizer.apply(tf.withControlDependencies(List.of(grad)), 0, List.of(grad));
        scope.verifyEveryVariableOwned();
      }
      try (Session s = new Session(g)) {
        for (int t = 1; t <= STEPS; t++) {
          s.run(apply);
          rule.step(w, gradient(w), t);
          assertClose(w, GraphRuns.run(s, variable), TOLERANCE, name + " after step " + t);
        }
      }
    }
  }

  @Test
  void everyKindHasACase() {
    Set<String> covered =
        cases().map(a -> kind((OptimizerSpec) a.get()[1])).collect(java.util.stream.Collectors.toSet());
    assertEquals(KINDS.keySet(), covered);
  }

  private static double[] gradient(double[] w) {
    double[] g = new double[w.length];
    for (int i = 0; i < w.length; i++) {
      g[i] = 2 * WEIGHT[i] * (w[i] - TARGET[i]);
    }
    return g;
  }

  private static double[] toDouble(float[] values) {
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      out[i] = values[i];
    }
    return out;
  }

  private static String kind(OptimizerSpec spec) {
    return spec.getClass().getAnnotation(Kind.class).value();
  }
}
