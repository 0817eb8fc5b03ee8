package io.inscope.modules.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.Activation;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.Padding;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.layers.AddSpec;
import io.inscope.configs.layers.ConcatenateSpec;
import io.inscope.configs.layers.Conv2DSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.regularizers.L2Spec;
import io.inscope.configs.layers.FlattenSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.MaxPool2DSpec;
import io.inscope.configs.layers.ReshapeSpec;
import io.inscope.modules.cluster.LocalSystem;
import io.inscope.modules.cluster.Topology;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.train.Jobs;
import io.inscope.modules.train.StepBuilder;
import io.inscope.modules.train.TrainGraph;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Mirrored training must equal one-device training on the same global batch: N replicas each
 * see a slice, gradients are mean-reduced, every replica applies the same update. A conv2d,
 * max_pool2d and dense model trained with Adam for 100 steps on 1, 2 and 4 replicas ends within
 * 1e-6 (relative) of one_device, and every variable's components are bit-identical right after
 * initialization and after training.
 */
class MirroredEquivalenceTest {
  private static final int BATCH = 8;
  private static final int STEPS = 100;

  private static final int SIDE = 6;
  private static final int INPUT = SIDE * SIDE;

  /** conv2d, pooling and dense layers, as the mirrored contract asks. */
  static List<LayerSpec> layers() {
    return List.of(
        new ReshapeSpec(List.of(SIDE, SIDE, 1)),
        new Conv2DSpec(4, List.of(3, 3), List.of(1, 1), Padding.SAME, Activation.RELU, true, new GlorotUniformSpec(), new ZerosSpec()),
        new MaxPool2DSpec(List.of(2, 2), null, Padding.VALID),
        new FlattenSpec(),
        Jobs.dense(8, Activation.RELU),
        Jobs.dense(3, Activation.LINEAR));
  }

  @Test
  void replicasTrainLikeOneDevice() throws Exception {
    Map<String, float[]> one = train(Jobs.classifier(StrategyType.ONE_DEVICE, null, List.of(SIDE, SIDE), layers(), BATCH, STEPS));
    for (int n : new int[] {2, 4}) {
      Map<String, float[]> many = train(Jobs.classifier(StrategyType.MIRRORED, n, List.of(SIDE, SIDE), layers(), BATCH, STEPS));
      assertEquals(one.keySet(), many.keySet());
      for (String name : one.keySet()) {
        double err = relativeError(one.get(name), many.get(name));
        assertTrue(err < 1e-6, name + " with " + n + " replicas differs from one_device by " + err);
      }
    }
  }

  /**
   * A residual graph: two convolutions whose sum is concatenated with the first (add and concatenate
   * merges, a skip connection, an L2 penalty on a kernel). Batch normalization is left out: each
   * replica normalizes with its own slice's statistics (as Keras does without {@code synchronized}),
   * so a replicated step with it is not the one-device step of the global batch.
   */
  static ModelSpec residual() {
    Conv2DSpec conv = new Conv2DSpec(4, List.of(3, 3), List.of(1, 1), Padding.SAME, Activation.RELU, true, new GlorotUniformSpec(), new ZerosSpec());
    return new ModelSpec(new InputSpec(List.of(SIDE, SIDE), DType.FLOAT32), List.of(
        node(new ReshapeSpec(List.of(SIDE, SIDE, 1)), "image", "input"),
        new LayerNodeSpec(conv, "c1", List.of("image"), true, new L2Spec(0.001), null),
        node(conv, "c2", "c1"),
        node(new AddSpec(), "skip", "c1", "c2"),
        node(new ConcatenateSpec(-1), "joined", "skip", "c1"),
        node(new MaxPool2DSpec(List.of(2, 2), null, Padding.VALID), "pool", "joined"),
        node(new FlattenSpec(), "flat", "pool"),
        node(Jobs.dense(3, Activation.LINEAR), "head", "flat")), null);
  }

  private static LayerNodeSpec node(LayerSpec kind, String name, String... inputs) {
    return new LayerNodeSpec(kind, name, List.of(inputs), true, null, null);
  }

  @Test
  void aResidualGraphTrainsLikeOneDevice() throws Exception {
    Map<String, float[]> one = train(Jobs.classifier(StrategyType.ONE_DEVICE, null, residual(), BATCH, STEPS, 1));
    Map<String, float[]> many = train(Jobs.classifier(StrategyType.MIRRORED, 2, residual(), BATCH, STEPS, 1));
    assertEquals(one.keySet(), many.keySet());
    for (String name : one.keySet()) {
      double err = relativeError(one.get(name), many.get(name));
      assertTrue(err < 1e-6, name + " with 2 replicas differs from one_device by " + err);
    }
  }

  /**
   * The ring all-reduce (no hub) over 4 replicas, with packs of 64 bytes: the conv kernel (36
   * floats) and the dense kernels span several packs, and the chunks of a 16-float pack split over 4
   * replicas; then one pack of everything over 2 replicas.
   */
  @Test
  void aRingOfPacksTrainsLikeOneDevice() throws Exception {
    Map<String, float[]> one = train(Jobs.classifier(StrategyType.ONE_DEVICE, null, List.of(SIDE, SIDE), layers(), BATCH, STEPS));
    for (int[] c : new int[][] {{4, 64}, {2, 0}}) {
      Map<String, float[]> ring = train(Jobs.classifier(StrategyType.MIRRORED, c[0], List.of(SIDE, SIDE), layers(), BATCH, STEPS),
          new RingReduction(c[1]));
      assertEquals(one.keySet(), ring.keySet());
      for (String name : one.keySet()) {
        double err = relativeError(one.get(name), ring.get(name));
        assertTrue(err < 1e-6, name + " over a ring of " + c[0] + " (packs of " + c[1] + " bytes) differs from one_device by " + err);
      }
    }
  }

  static Map<String, float[]> train(JobSpec job) throws Exception {
    return train(job, new HubReduction());
  }

  /** Trains, checking components are identical after init and after training; returns replica 0's weights. */
  static Map<String, float[]> train(JobSpec job, Reduction reduction) throws Exception {
    Injector inj = Guice.createInjector(new InitializersModule(), new LayersModule(), new LossesModule(),
        new OptimizersModule(), new MetricsModule());
    Topology topology = new LocalSystem().initialize(job);
    Strategy strategy = job.strategy().type() == StrategyType.ONE_DEVICE
        ? new OneDeviceStrategy(topology.replicaDevices().get(0))
        : new MirroredStrategy("mirrored", topology.replicaDevices(), reduction);
    try (Graph g = new Graph()) {
      TrainGraph tg;
      try (StrategyScope scope = StrategyScope.open(strategy, g, job.seed())) {
        tg = inj.getInstance(StepBuilder.class).build(job, scope, Shape.scalar());
      }
      try (Session s = new Session(g, new LocalSystem().sessionConfig(job))) {
        s.initialize();
        assertComponentsIdentical(s, tg);
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[BATCH * INPUT];
        float[] y = new float[BATCH];
        for (int step = 0; step < STEPS; step++) {
          for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
          }
          // random labels keep gradients away from zero: Adam divides by the gradient's scale, so
          // a gradient that cancels to ~0 would turn float rounding into full-size updates
          for (int i = 0; i < BATCH; i++) {
            y[i] = rnd.nextInt(3);
          }
          try (TFloat32 xt = TFloat32.tensorOf(Shape.of(BATCH, SIDE, SIDE), d -> d.copyFrom(DataBuffers.of(x)));
              TFloat32 yt = TFloat32.tensorOf(Shape.of(BATCH), d -> d.copyFrom(DataBuffers.of(y)));
              TInt64 st = TInt64.scalarOf(step);
              Result r = s.runner().feed(tg.features(), xt).feed(tg.labels(), yt).feed(tg.step(), st)
                  .addTarget(tg.trainOp()).fetch(tg.loss()).run()) {
            assertTrue(Float.isFinite(((TFloat32) r.get(0)).getFloat()));
          }
        }
        assertComponentsIdentical(s, tg);
        Map<String, float[]> weights = new LinkedHashMap<>();
        for (MirroredVariable<?> v : tg.variables()) {
          if (v.type() == TFloat32.class) {
            weights.put(v.name(), fetch(s, v, 0));
          }
        }
        return weights;
      }
    }
  }

  static void assertComponentsIdentical(Session s, TrainGraph tg) {
    for (MirroredVariable<?> v : tg.variables()) {
      if (v.type() != TFloat32.class) {
        continue;
      }
      float[] first = fetch(s, v, 0);
      for (int r = 1; r < v.components().size(); r++) {
        assertArrayEquals(first, fetch(s, v, r), 0f, v.name() + " replica " + r + " differs from replica 0");
      }
    }
  }

  static float[] fetch(Session s, MirroredVariable<?> v, int replica) {
    try (Result r = s.runner().fetch(v.read(Ops.create(v.scope().graph()), replica)).run()) {
      TFloat32 t = (TFloat32) r.get(0);
      float[] out = new float[(int) t.size()];
      t.copyTo(DataBuffers.of(out, false, false));
      return out;
    }
  }

  static double relativeError(float[] a, float[] b) {
    double maxDiff = 0;
    double maxAbs = 1e-12;
    for (int i = 0; i < a.length; i++) {
      maxDiff = Math.max(maxDiff, Math.abs(a[i] - b[i]));
      maxAbs = Math.max(maxAbs, Math.abs(a[i]));
    }
    return maxDiff / maxAbs;
  }
}
