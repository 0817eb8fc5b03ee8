package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.Activation;
import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.layers.ActivationLayerSpec;
import io.inscope.configs.layers.AddSpec;
import io.inscope.configs.layers.AverageSpec;
import io.inscope.configs.layers.ConcatenateSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.MaximumSpec;
import io.inscope.configs.layers.MultiplySpec;
import io.inscope.configs.layers.SubtractSpec;
import io.inscope.configs.regularizers.L1L2Spec;
import io.inscope.configs.regularizers.L2Spec;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.ReplicaContext;
import io.inscope.modules.strategy.StrategyScope;
import io.inscope.modules.train.Jobs;
import io.inscope.modules.train.StepBuilder;
import io.inscope.modules.train.TrainGraph;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Models as graphs: merge layers against the formulas computed here, shape rules of merges, and
 * the keys every layer takes ({@code trainable: false}, kernel and bias regularizers) in a
 * training step.
 */
class GraphModelTest {
  private static final Injector INJECTOR = Guice.createInjector(new InitializersModule(), new LayersModule(),
      new LossesModule(), new OptimizersModule(), new MetricsModule());
  private static final InputSpec INPUT = new InputSpec(List.of(2, 3), DType.FLOAT32);

  private static LayerNodeSpec node(LayerSpec kind, String name, String... inputs) {
    return new LayerNodeSpec(kind, name, List.of(inputs), true, null, null);
  }

  @Test
  void mergesComputeKerasFormulas() {
    ModelSpec spec = new ModelSpec(INPUT, List.of(
        node(new ActivationLayerSpec(Activation.RELU), "r", "input"),
        node(new ActivationLayerSpec(Activation.TANH), "t", "input"),
        node(new AddSpec(), "add", "r", "t"),
        node(new SubtractSpec(), "sub", "r", "t"),
        node(new MultiplySpec(), "mul", "r", "t", "t"),
        node(new AverageSpec(), "avg", "r", "t", "input"),
        node(new MaximumSpec(), "max", "r", "t"),
        node(new ConcatenateSpec(-1), "cat", "add", "sub", "mul", "avg", "max")), null);
    int batch = 2;
    float[] x = uniform(new Random(5), batch * 6, -2, 2);
    float[] y = forward(spec, x, batch);
    double[] expected = new double[batch * 2 * 15];
    for (int row = 0; row < batch * 2; row++) {
      for (int c = 0; c < 3; c++) {
        double v = x[row * 3 + c];
        double r = Math.max(v, 0);
        double t = Math.tanh(v);
        double[] parts = {r + t, r - t, r * t * t, (r + t + v) / 3, Math.max(r, t)};
        for (int p = 0; p < parts.length; p++) {
          expected[row * 15 + p * 3 + c] = parts[p];
        }
      }
    }
    assertClose("merged", expected, y, 1e-6, 1e-5);
  }

  @Test
  void severalInputsAreCutFromTheFeatureRowInDeclaredOrder() {
    java.util.Map<String, InputSpec> inputs = new java.util.LinkedHashMap<>();
    inputs.put("image", new InputSpec(List.of(2, 2), DType.FLOAT32));
    inputs.put("meta", new InputSpec(List.of(3), DType.FLOAT32));
    ModelSpec spec = new ModelSpec(null, inputs, List.of(
        node(new io.inscope.configs.layers.FlattenSpec(), "flat", "image"),
        node(new ActivationLayerSpec(Activation.TANH), "t", "meta"),
        node(new ConcatenateSpec(-1), "cat", "t", "flat")), null);
    assertEquals(Shape.of(7), INJECTOR.getInstance(ModelFactory.class).create(spec).inputShape());
    int batch = 2;
    float[] x = uniform(new Random(8), batch * 7, -2, 2);
    float[] y = forward(spec, x, batch);
    double[] expected = new double[batch * 7];
    for (int row = 0; row < batch; row++) {
      for (int i = 0; i < 3; i++) {
        expected[row * 7 + i] = Math.tanh(x[row * 7 + 4 + i]); // meta: the row's last 3 values
      }
      for (int i = 0; i < 4; i++) {
        expected[row * 7 + 3 + i] = x[row * 7 + i]; // image: its first 4, flattened
      }
    }
    assertClose("concatenated inputs", expected, y, 0, 1e-6);
  }

  @Test
  void aMergeOfInputsOfOtherShapesFailsAtItsLayer() {
    java.util.Map<String, InputSpec> inputs = new java.util.LinkedHashMap<>();
    inputs.put("a", new InputSpec(List.of(3), DType.FLOAT32));
    inputs.put("b", new InputSpec(List.of(2), DType.FLOAT32));
    ModelSpec spec = new ModelSpec(null, inputs, List.of(node(new AddSpec(), "sum", "a", "b")), null);
    Model model = INJECTOR.getInstance(ModelFactory.class).create(spec);
    try (Graph g = new Graph(); StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 1)) {
      LayerShapeException e = assertThrows(LayerShapeException.class, model::build);
      assertEquals("model.layers[0].add", e.path());
      assertTrue(e.getMessage().contains("[3] and [2]"), e.getMessage());
    }
  }

  @Test
  void mergeShapesFollowKerasRules() {
    Merge add = new Merge(Merge.Op.ADD, "add", "add");
    assertEquals(Shape.of(4, 8), add.build(List.of(Shape.of(4, 8), Shape.of(1, 8))));
    LayerShapeException e = assertThrows(LayerShapeException.class, () -> add.build(List.of(Shape.of(8), Shape.of(9))));
    assertEquals("add: add needs inputs of equal shapes (a dimension of 1 broadcasts), got [8] and [9]", e.getMessage());
    assertThrows(LayerShapeException.class, () -> add.build(List.of(Shape.of(8), Shape.of(2, 8))));
    assertEquals(Shape.of(4, 3), new Concatenate(new ConcatenateSpec(1), "c").build(List.of(Shape.of(2, 3), Shape.of(2, 3))));
    assertEquals(Shape.of(2, 5), new Concatenate(new ConcatenateSpec(-1), "c").build(List.of(Shape.of(2, 3), Shape.of(2, 2))));
    assertThrows(LayerShapeException.class, () -> new Concatenate(new ConcatenateSpec(0), "c").build(List.of(Shape.of(2), Shape.of(2))));
    assertThrows(LayerShapeException.class, () -> new Concatenate(new ConcatenateSpec(-1), "c").build(List.of(Shape.of(2, 3), Shape.of(3, 3))));
  }

  @Test
  void aShapeErrorNamesTheLayerAndWhereItWasWritten() {
    ModelSpec spec = new ModelSpec(new InputSpec(List.of(4), DType.FLOAT32), List.of(
        node(Jobs.dense(8, Activation.RELU), "a", "input"),
        node(Jobs.dense(9, Activation.RELU), "b", "input"),
        node(new AddSpec(), "sum", "a", "b")), null);
    Model model = INJECTOR.getInstance(ModelFactory.class).create(spec);
    try (Graph g = new Graph(); StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 1)) {
      LayerShapeException e = assertThrows(LayerShapeException.class, model::build);
      assertEquals("model.layers[2].add", e.path());
      assertEquals("sum", e.layer());
    }
  }

  @Test
  void frozenLayersGetNoSlotsAndPenaltiesAreAddedToTheLoss() {
    ModelSpec spec = new ModelSpec(new InputSpec(List.of(4), DType.FLOAT32), List.of(
        new LayerNodeSpec(Jobs.dense(4, Activation.RELU), "a", List.of("input"), true, new L1L2Spec(0.01, 0.02), new L2Spec(0.5)),
        new LayerNodeSpec(Jobs.dense(4, Activation.RELU), "frozen", List.of("input"), false, null, null),
        node(new AddSpec(), "sum", "a", "frozen"),
        node(Jobs.dense(3, Activation.LINEAR), "head", "sum")), null);
    try (Graph g = new Graph()) {
      TrainGraph tg;
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 42)) {
        tg = INJECTOR.getInstance(StepBuilder.class).build(Jobs.classifier(StrategyType.ONE_DEVICE, null, spec, 4, 3, 1), scope, Shape.scalar());
      }
      List<String> frozen = tg.variables().stream().map(MirroredVariable::name).filter(n -> n.startsWith("frozen")).toList();
      assertEquals(List.of("frozen.kernel", "frozen.bias"), frozen);
      assertTrue(tg.variables().stream().anyMatch(v -> v.name().startsWith("a.kernel-")), "a has Adam slots");
      int penaltyMetric = tg.metrics().stream().map(m -> m.name()).toList().indexOf("regularization_loss");
      assertTrue(penaltyMetric >= 0, "regularization_loss is a metric");
      try (Session s = new Session(g)) {
        s.initialize();
        float[] x = uniform(new Random(2), 16, -1, 1);
        float[] labels = {0, 1, 2, 1};
        float[] frozenBefore = value(s, tg, "frozen.kernel");
        float[] aBefore = value(s, tg, "a.kernel");
        for (int step = 0; step < 3; step++) {
          try (TFloat32 xt = Tensors.of(Shape.of(4, 4), x); TFloat32 yt = Tensors.of(Shape.of(4), labels);
              TInt64 st = TInt64.scalarOf(step)) {
            s.runner().feed(tg.features(), xt).feed(tg.labels(), yt).feed(tg.step(), st).addTarget(tg.trainOp()).run().close();
          }
        }
        assertArrayEquals(frozenBefore, value(s, tg, "frozen.kernel"), 0f);
        assertFalse(java.util.Arrays.equals(aBefore, value(s, tg, "a.kernel")));
        float[] kernel = value(s, tg, "a.kernel");
        float[] bias = value(s, tg, "a.bias");
        double penalty = 0;
        for (float w : kernel) {
          penalty += 0.01 * Math.abs(w) + 0.02 * w * w;
        }
        for (float b : bias) {
          penalty += 0.5 * b * b;
        }
        assertTrue(penalty > 0);
        try (TFloat32 xt = Tensors.of(Shape.of(4, 4), x); TFloat32 yt = Tensors.of(Shape.of(4), labels);
            Result r = s.runner().feed(tg.evalFeatures(), xt).feed(tg.evalLabels(), yt)
                .fetch(tg.evalMetricSums().get(penaltyMetric)).run()) {
          float perExample = ((TFloat32) r.get(0)).getFloat() / 4;
          assertClose("regularization_loss", new double[] {penalty}, new float[] {perExample}, 0, 1e-5);
        }
      }
    }
  }

  private static float[] value(Session s, TrainGraph tg, String name) {
    MirroredVariable<?> v = tg.variables().stream().filter(m -> m.name().equals(name)).findFirst().orElseThrow();
    try (Result r = s.runner().fetch(readOf(v)).run()) {
      return Tensors.floats((TFloat32) r.get(0));
    }
  }

  private static Operand<?> readOf(MirroredVariable<?> v) {
    return v.read(org.tensorflow.op.Ops.create(v.scope().graph()), 0);
  }

  private static float[] forward(ModelSpec spec, float[] x, int batch) {
    Model model = INJECTOR.getInstance(ModelFactory.class).create(spec);
    try (Graph g = new Graph()) {
      Placeholder<TFloat32> input;
      Operand<TFloat32> out;
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 42)) {
        model.build();
        input = scope.tf().placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch).append(model.inputShape())));
        out = model.call(new CallContext(new ReplicaContext(scope, 0), false, scope.tf().constant(0L), new ArrayList<>()), input);
      }
      try (Session s = new Session(g); TFloat32 xt = Tensors.of(input.shape(), x);
          Result r = s.runner().feed(input, xt).fetch(out).run()) {
        return Tensors.floats((TFloat32) r.get(0));
      }
    }
  }
}
