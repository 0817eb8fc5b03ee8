package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.Activation;
import io.inscope.configs.JobSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.InputSpec;
import io.inscope.configs.DType;
import io.inscope.configs.optimizers.OptimizerSpec;
import io.inscope.configs.Precision;
import io.inscope.configs.StrategyType;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.optimizers.AdamSpec;
import io.inscope.configs.optimizers.SgdSpec;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.MirroredStrategy;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.Strategy;
import io.inscope.modules.strategy.StrategyScope;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * {@code precision: mixed_float16}: dynamic loss scaling against Keras 3's {@code
 * LossScaleOptimizer} rules, computed here independently in double precision (float16 overflows
 * above 65504): a step whose float16 weight gradient overflows is skipped (weights, bias and the
 * optimizer's iterations unchanged, bit for bit) and halves the scale; the first finite step applies
 * SGD to the gradient divided by the scale; {@value LossScale#GROWTH_STEPS} finite steps in a row
 * double the scale, the doubling step still unscaling by the old one; the loss tracks float32's;
 * two mirrored replicas take the same decisions as one device.
 */
class LossScaleTest {
  private static final int BATCH = 4;
  private static final int IN = 4;
  private static final int UNITS = 3;
  private static final double LR = 0.1;
  /** One class: each weight's gradient sums terms of one sign, so no order of float16 sums overflows early. */
  private static final float[] LABELS = {0, 0, 0, 0};

  /** Inputs: the first two examples around {@code size}, the other two around 1. */
  private static float[] inputs(float size) {
    float[] x = new float[BATCH * IN];
    for (int b = 0; b < BATCH; b++) {
      for (int k = 0; k < IN; k++) {
        x[b * IN + k] = (b < 2 ? size : 1) * (1 + 0.25f * b - 0.125f * k) * (k % 2 == 0 ? 1 : -1);
      }
    }
    return x;
  }

  @Test
  void overflowSkipsTheStepAndHalvesTheScaleThenTheFirstFiniteStepAppliesTheUnscaledGradient() {
    // zero weights: logits 0, softmax 1/3, so the gradient is known exactly
    float[] x = inputs(1000f);
    double[][] g = gradient(x, new double[IN][UNITS], new double[UNITS]);
    // Keras: the step overflows while any float16 product sum of the scaled gradient exceeds 65504
    int expectedSkips = 0;
    for (double s = LossScale.INITIAL_SCALE; overflows(g, s); s /= 2) {
      expectedSkips++;
    }
    double finiteScale = LossScale.INITIAL_SCALE / Math.pow(2, expectedSkips);
    // however float16 accumulates the batch, no partial sum overflows at that scale, every final one did at twice it
    assertEquals(8, expectedSkips, "tools/keras_loss_scale.py: Keras 3.15 skips 8 steps on this batch");
    assertTrue(absoluteSum(x, finiteScale) < 0.9 * 65504 && largest(g) * 2 * finiteScale > 1.1 * 65504,
        "test setup");
    try (Fixture f = new Fixture(new OneDeviceStrategy("/device:CPU:0"), new SgdSpec(LR, 0, false))) {
      float[] kernel0 = f.floats("dense.kernel");
      for (int i = 0; i < expectedSkips; i++) {
        f.step(x);
        assertArrayEquals(kernel0, f.floats("dense.kernel"), "a skipped step leaves the weights as they were");
        assertArrayEquals(new float[UNITS], f.floats("dense.bias"), "the bias too (its gradient was finite)");
        assertEquals(0L, f.longValue("iterations"), "a skipped step does not count");
        assertEquals(LossScale.INITIAL_SCALE / Math.pow(2, i + 1), f.floatValue("loss_scale"));
        assertEquals(0L, f.longValue("loss_scale_counter"));
      }
      float scale = f.floatValue("loss_scale");
      f.step(x);
      assertEquals(1L, f.longValue("iterations"));
      assertEquals(scale, f.floatValue("loss_scale"), "a finite step keeps the scale");
      assertEquals(1L, f.longValue("loss_scale_counter"));
      float[] kernel = f.floats("dense.kernel");
      // Keras 3.15 (tools/keras_loss_scale.py): kernel[0] = [37.55, -18.775, -18.775] after this step
      assertArrayEquals(new float[] {37.55f, -18.775f, -18.775f}, java.util.Arrays.copyOf(kernel, UNITS), 0.01f);
      for (int j = 0; j < IN; j++) {
        for (int u = 0; u < UNITS; u++) {
          double expected = -LR * g[j][u];
          // float16 rounding of the inputs and of the scaled output gradient (2^-11 each): 5e-3
          assertEquals(expected, kernel[j * UNITS + u], 5e-3 * Math.abs(expected), "kernel[" + j + "][" + u + "]");
        }
      }
    }
  }

  @Test
  void twoThousandFiniteStepsDoubleTheScaleAfterUnscalingByTheOldOne() {
    float[] x = inputs(1f);
    try (Fixture f = new Fixture(new OneDeviceStrategy("/device:CPU:0"), new SgdSpec(LR, 0, false))) {
      f.step(x);
      assertEquals(LossScale.INITIAL_SCALE, f.floatValue("loss_scale"), "small inputs: no overflow");
      f.assign("loss_scale_counter", LossScale.GROWTH_STEPS - 2L);
      f.step(x);
      assertEquals(LossScale.GROWTH_STEPS - 1L, f.longValue("loss_scale_counter"));
      assertEquals(LossScale.INITIAL_SCALE, f.floatValue("loss_scale"));
      double[][] w = f.matrix("dense.kernel");
      double[] b = toDouble(f.floats("dense.bias"));
      double[][] g = gradient(x, w, b);
      f.step(x);
      assertEquals(0L, f.longValue("loss_scale_counter"), "the counter restarts");
      assertEquals(2 * LossScale.INITIAL_SCALE, f.floatValue("loss_scale"), "the scale doubles");
      assertEquals(3L, f.longValue("iterations"));
      double[][] after = f.matrix("dense.kernel");
      for (int j = 0; j < IN; j++) {
        for (int u = 0; u < UNITS; u++) {
          double expected = w[j][u] - LR * g[j][u];
          // float16 logits and gradients: about 1e-3 of the step; unscaling by the new scale would halve it
          assertEquals(expected, after[j][u], 2e-2 * Math.abs(LR * g[j][u]) + 1e-6, "kernel[" + j + "][" + u + "]");
        }
      }
    }
  }

  /** Adam, 20 steps: every loss within 1% of float32's (the same graph without casts and scaling). */
  @Test
  void lossTracksFloat32() {
    float[] x = inputs(1f);
    float[] half = new float[20];
    float[] full = new float[20];
    OptimizerSpec adam = new AdamSpec(0.01, 0.9, 0.999, 1e-7);
    List<LayerSpec> layers = List.of(Jobs.dense(8, Activation.RELU), Jobs.dense(UNITS, Activation.LINEAR));
    try (Fixture f16 = new Fixture(new OneDeviceStrategy("/device:CPU:0"), adam, layers, Precision.MIXED_FLOAT16);
        Fixture f32 = new Fixture(new OneDeviceStrategy("/device:CPU:0"), adam, layers, Precision.FLOAT32)) {
      for (int i = 0; i < 20; i++) {
        half[i] = f16.step(x);
        full[i] = f32.step(x);
      }
    }
    assertTrue(full[19] < 0.5 * full[0], "it trains: " + full[0] + " -> " + full[19]);
    for (int i = 0; i < 20; i++) {
      assertEquals(full[i], half[i], 0.01 * full[i], "loss at step " + (i + 1));
    }
  }

  /**
   * Two mirrored replicas on the same global batch skip the same steps, keep the same scale and
   * counter, and end within float16 rounding of one device's weights (each replica's float16
   * product sums run over half the batch). The large inputs are on replica 0's half: the decision
   * is the same when one replica's share overflows as when the whole sum does (with the large
   * values spread over both halves, one device can overflow where neither replica does, as in
   * Keras).
   */
  @Test
  void mirroredTakesTheSameDecisionsAsOneDevice() {
    float[] big = inputs(1000f);
    float[] small = inputs(1f);
    try (Fixture one = new Fixture(new OneDeviceStrategy("/device:CPU:0"), new SgdSpec(LR, 0, false));
        Fixture two = new Fixture(new MirroredStrategy(List.of("/device:CPU:0", "/device:CPU:1")), new SgdSpec(LR, 0, false))) {
      for (int i = 0; i < 12; i++) {
        float[] x = i < 10 ? big : small;
        one.step(x);
        two.step(x);
        assertEquals(one.floatValue("loss_scale"), two.floatValue("loss_scale"), "scale after step " + (i + 1));
        assertEquals(one.longValue("loss_scale_counter"), two.longValue("loss_scale_counter"));
        assertEquals(one.longValue("iterations"), two.longValue("iterations"));
      }
      assertTrue(one.longValue("iterations") < 12, "some steps were skipped");
      float[] a = one.floats("dense.kernel");
      float[] b = two.floats("dense.kernel");
      float[] b1 = two.floats("dense.kernel.replica_1");
      assertArrayEquals(b, b1, "the replicas never drift");
      for (int i = 0; i < a.length; i++) {
        assertEquals(a[i], b[i], 2e-3 * Math.abs(a[i]) + 1e-5, "kernel element " + i);
      }
    }
  }

  /** d loss / d kernel of a linear softmax classifier, mean over the batch, in double precision. */
  private static double[][] gradient(float[] x, double[][] w, double[] bias) {
    double[][] g = new double[IN][UNITS];
    for (int b = 0; b < BATCH; b++) {
      double[] z = new double[UNITS];
      double max = Double.NEGATIVE_INFINITY;
      for (int u = 0; u < UNITS; u++) {
        z[u] = bias[u];
        for (int j = 0; j < IN; j++) {
          z[u] += x[b * IN + j] * w[j][u];
        }
        max = Math.max(max, z[u]);
      }
      double sum = 0;
      for (int u = 0; u < UNITS; u++) {
        z[u] = Math.exp(z[u] - max);
        sum += z[u];
      }
      for (int u = 0; u < UNITS; u++) {
        double d = (z[u] / sum - (LABELS[b] == u ? 1 : 0)) / BATCH;
        for (int j = 0; j < IN; j++) {
          g[j][u] += x[b * IN + j] * d;
        }
      }
    }
    return g;
  }

  /** The largest sum over the batch of |x · scaled output gradient| at zero weights (1/3 each class). */
  private static double absoluteSum(float[] x, double scale) {
    double max = 0;
    for (int j = 0; j < IN; j++) {
      for (int u = 0; u < UNITS; u++) {
        double sum = 0;
        for (int b = 0; b < BATCH; b++) {
          sum += Math.abs(x[b * IN + j] * (1.0 / UNITS - (LABELS[b] == u ? 1 : 0)) / BATCH * scale);
        }
        max = Math.max(max, sum);
      }
    }
    return max;
  }

  private static boolean overflows(double[][] g, double scale) {
    for (double[] row : g) {
      for (double v : row) {
        if (Math.abs(v * scale) > 65504) {
          return true;
        }
      }
    }
    return false;
  }

  private static double largest(double[][] g) {
    double max = 0;
    for (double[] row : g) {
      for (double v : row) {
        max = Math.max(max, Math.abs(v));
      }
    }
    return max;
  }

  private static double[] toDouble(float[] f) {
    double[] d = new double[f.length];
    for (int i = 0; i < f.length; i++) {
      d[i] = f[i];
    }
    return d;
  }

  /** A built job's graph and session, stepped with fed batches; variables read by name. */
  private static final class Fixture implements AutoCloseable {
    private final Graph graph = new Graph();
    private final Session session;
    private final TrainGraph tg;
    private final Map<String, Operand<?>> reads = new HashMap<>();
    private final Map<String, Operand<? extends TType>> handles = new HashMap<>();
    private final Ops tf;
    private long step;

    Fixture(Strategy strategy, OptimizerSpec optimizer) {
      this(strategy, optimizer, List.of(new DenseSpec(UNITS, Activation.LINEAR, true, new ZerosSpec(), new ZerosSpec())),
          Precision.MIXED_FLOAT16);
    }

    Fixture(Strategy strategy, OptimizerSpec optimizer, List<LayerSpec> layers, Precision precision) {
      JobSpec base = Jobs.classifier(StrategyType.ONE_DEVICE, null, List.of(IN), layers, BATCH, 100);
      JobSpec job = new JobSpec(base.version(), base.name(), base.seed(), base.cluster(), base.strategy(), base.variables(),
          new ModelSpec(new InputSpec(List.of(IN), DType.FLOAT32), layers), base.loss(), base.metrics(), optimizer,
          base.data(), base.train(), base.checkpoint(), base.export(), base.tensorboard(), base.output(), base.plugins(),
          null, precision);
      Injector inj = Guice.createInjector(new InitializersModule(), new LayersModule(), new LossesModule(),
          new OptimizersModule(), new MetricsModule());
      try (StrategyScope scope = StrategyScope.open(strategy, graph, 42)) {
        tg = inj.getInstance(StepBuilder.class).build(job, scope, Shape.scalar());
      }
      tf = Ops.create(graph);
      for (MirroredVariable<?> v : tg.variables()) {
        for (int r = 0; r < v.components().size(); r++) {
          String name = r == 0 ? v.name() : v.name() + ".replica_" + r;
          handles.put(name, v.components().get(r));
          reads.put(name, tf.readVariableOp(v.components().get(r), v.type()));
        }
      }
      session = new Session(graph, ConfigProto.newBuilder().putDeviceCount("CPU", 2).build());
    }

    /** One training step on {@code x}; returns its loss. */
    float step(float[] x) {
      try (TFloat32 xt = TFloat32.tensorOf(Shape.of(BATCH, IN), d -> d.copyFrom(DataBuffers.of(x)));
          TFloat32 yt = TFloat32.tensorOf(Shape.of(BATCH), d -> d.copyFrom(DataBuffers.of(LABELS)));
          TInt64 st = TInt64.scalarOf(step++);
          Result r = session.runner().feed(tg.features(), xt).feed(tg.labels(), yt).feed(tg.step(), st)
              .addTarget(tg.trainOp()).fetch(tg.loss()).run()) {
        return ((TFloat32) r.get(0)).getFloat();
      }
    }

    float[] floats(String name) {
      try (Result r = session.runner().fetch(reads.get(name)).run()) {
        TFloat32 t = (TFloat32) r.get(0);
        float[] out = new float[(int) t.size()];
        t.copyTo(DataBuffers.of(out));
        return out;
      }
    }

    double[][] matrix(String name) {
      float[] f = floats(name);
      double[][] m = new double[IN][UNITS];
      for (int j = 0; j < IN; j++) {
        for (int u = 0; u < UNITS; u++) {
          m[j][u] = f[j * UNITS + u];
        }
      }
      return m;
    }

    float floatValue(String name) {
      return floats(name)[0];
    }

    long longValue(String name) {
      try (Result r = session.runner().fetch(reads.get(name)).run()) {
        return ((TInt64) r.get(0)).getLong();
      }
    }

    void assign(String name, long value) {
      Op assign = tf.assignVariableOp(handles.get(name), tf.constant(value));
      session.runner().addTarget(assign).run();
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }
}
