package io.inscope.modules.strategy;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.JobSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.StrategyType;
import io.inscope.modules.cluster.Servers;
import io.inscope.modules.cluster.WorkerCluster;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.train.Jobs;
import io.inscope.modules.train.StepBuilder;
import io.inscope.modules.train.TrainGraph;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.TargetSessions;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * multi_worker_mirrored between graphs over two gRPC tasks on loopback, both in this process but
 * each with its own graph and session on its own server, as two processes would have: each task
 * trains its half of every global batch (rows t, t + 2, ...), and gradients and batch statistics
 * meet in {@code CollectiveReduceV2}. The follower starts from other initial weights (another
 * seed) and takes the chief's; after 100 Adam steps both tasks' weights are bit-identical and within
 * 1e-6 (relative) of one_device on the same global batches, for the residual network with
 * synchronized batch norm (the statistics and their gradients cross the tasks) and the Transformer
 * block of {@link MirroredEquivalenceTest}.
 */
class CollectiveStrategyTest {
  private static final int BATCH = MirroredEquivalenceTest.BATCH;
  private static final int STEPS = MirroredEquivalenceTest.STEPS;
  private static final int SIDE = MirroredEquivalenceTest.SIDE;
  private static final int INPUT = MirroredEquivalenceTest.INPUT;
  private static final int TASKS = 2;
  /**
   * A server remembers the type and shape of each collective of a group: each test's job (the
   * runner runs one job per process) takes group keys of its own.
   */
  private static final java.util.concurrent.atomic.AtomicInteger GROUPS = new java.util.concurrent.atomic.AtomicInteger(10);
  private static List<String> addresses;
  private static ExecutorService pool;

  @BeforeAll
  static void startServers() throws Exception {
    pool = Executors.newFixedThreadPool(TASKS);
    addresses = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < TASKS; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        addresses.add("127.0.0.1:" + s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    // TensorFlow's servers cannot be stopped: both serve until the test JVM ends
    for (int t = 0; t < TASKS; t++) {
      Servers.start(new WorkerCluster(addresses, t), 1, true);
    }
  }

  @AfterAll
  static void stopPool() {
    pool.shutdownNow();
  }

  @Test
  void aResidualNetworkWithSynchronizedBatchNormTrainsLikeOneDeviceBetweenGraphs() throws Exception {
    assertTrainsLikeOneDevice(MirroredEquivalenceTest.residualWithBatchNorm());
  }

  @Test
  void aTransformerBlockTrainsLikeOneDeviceBetweenGraphs() throws Exception {
    assertTrainsLikeOneDevice(MirroredEquivalenceTest.transformer());
  }

  private static void assertTrainsLikeOneDevice(ModelSpec model) throws Exception {
    assertTrainsLikeOneDevice(model, 1);
  }

  private static void assertTrainsLikeOneDevice(ModelSpec model, int perTask) throws Exception {
    Map<String, float[]> one = MirroredEquivalenceTest.train(Jobs.classifier(StrategyType.ONE_DEVICE, null, model, BATCH, STEPS, 1));
    JobSpec job = Jobs.classifier(StrategyType.MULTI_WORKER_MIRRORED, perTask, model, BATCH, STEPS, 1);
    int group = GROUPS.getAndAdd(2);
    List<Future<Map<String, float[]>>> tasks = new ArrayList<>();
    for (int t = 0; t < TASKS; t++) {
      int task = t;
      tasks.add(pool.submit(() -> trainTask(job, task, perTask, group)));
    }
    Map<String, float[]> chief = tasks.get(0).get(10, TimeUnit.MINUTES);
    Map<String, float[]> follower = tasks.get(1).get(1, TimeUnit.MINUTES);
    assertEquals(one.keySet(), chief.keySet());
    for (String name : one.keySet()) {
      assertArrayEquals(chief.get(name), follower.get(name), name + " differs between the tasks");
      double err = MirroredEquivalenceTest.relativeError(one.get(name), chief.get(name));
      assertTrue(err < 1e-6, name + " between graphs differs from one_device by " + err);
    }
  }

  /** One task: its own graph and session, its half of each global batch; the chief's weights at the start. */
  private static Map<String, float[]> trainTask(JobSpec job, int task, int perTask, int group) throws Exception {
    Injector inj = Guice.createInjector(new InitializersModule(), new LayersModule(), new LossesModule(),
        new OptimizersModule(), new MetricsModule());
    List<String> devices = new ArrayList<>();
    for (int d = 0; d < perTask; d++) {
      devices.add(WorkerCluster.taskName(task) + "/device:CPU:" + d);
    }
    CollectiveStrategy strategy = new CollectiveStrategy(devices, task, TASKS, 64, 60f, group);
    try (Graph built = new Graph(); Graph g = new Graph()) {
      TrainGraph tg;
      Coordination coordination;
      // the follower's own initial weights differ (another seed): only the chief's may survive
      Map<String, List<Operand<?>>> builtReads = new LinkedHashMap<>();
      try (StrategyScope scope = StrategyScope.open(strategy, built, job.seed() + task)) {
        tg = inj.getInstance(StepBuilder.class).build(job, scope, Shape.scalar());
        coordination = strategy.coordination(scope);
        Ops tf = Ops.create(built);
        for (MirroredVariable<?> v : tg.variables()) {
          if (v.type() == TFloat32.class) {
            List<Operand<?>> perReplica = new ArrayList<>();
            for (int r = 0; r < perTask; r++) {
              perReplica.add(v.read(tf, r));
            }
            builtReads.put(v.name(), perReplica);
          }
        }
      }
      // the session runs the strategy's graph (gradient ops placed with their replicas), as the runner does
      g.importGraphDef(strategy.sessionGraph(built).orElse(built.toGraphDef()));
      tg = tg.in(g);
      Map<String, List<Operand<?>>> reads = new LinkedHashMap<>();
      for (Map.Entry<String, List<Operand<?>>> e : builtReads.entrySet()) {
        List<Operand<?>> rebound = new ArrayList<>();
        for (Operand<?> o : e.getValue()) {
          rebound.add(g.operation(o.op().name()).output(0));
        }
        reads.put(e.getKey(), rebound);
      }
      ConfigProto.Builder config = ConfigProto.newBuilder().setIsolateSessionState(true).setAllowSoftPlacement(true).addDeviceFilters("/job:worker/task:" + task);
      config.getExperimentalBuilder().setCollectiveGroupLeader(WorkerCluster.taskName(0));
      try (Session s = TargetSessions.open(g, "grpc://" + addresses.get(task), config.build())) {
        s.initialize();
        if (coordination.leads()) {
          coordination.shareWeights(s);
        } else {
          assertEquals(Coordination.Kind.WEIGHTS, coordination.receive(s).kind());
          coordination.takeWeights(s);
        }
        SplittableRandom rnd = new SplittableRandom(3);
        float[] x = new float[BATCH * INPUT];
        float[] y = new float[BATCH];
        int rows = BATCH / TASKS;
        float[] myX = new float[rows * INPUT];
        float[] myY = new float[rows];
        for (int step = 0; step < STEPS; step++) {
          // the global batch of MirroredEquivalenceTest.train, of which this task takes rows task, task + 2, ...
          for (int i = 0; i < x.length; i++) {
            x[i] = (float) rnd.nextGaussian();
          }
          for (int i = 0; i < BATCH; i++) {
            y[i] = rnd.nextInt(3);
          }
          for (int r = 0; r < rows; r++) {
            System.arraycopy(x, (r * TASKS + task) * INPUT, myX, r * INPUT, INPUT);
            myY[r] = y[r * TASKS + task];
          }
          try (TFloat32 xt = TFloat32.tensorOf(Shape.of(rows, SIDE, SIDE), d -> d.copyFrom(DataBuffers.of(myX)));
              TFloat32 yt = TFloat32.tensorOf(Shape.of(rows), d -> d.copyFrom(DataBuffers.of(myY)));
              TInt64 st = TInt64.scalarOf(step);
              Result r = s.runner().feed(tg.features(), xt).feed(tg.labels(), yt).feed(tg.step(), st)
                  .addTarget(tg.trainOp()).fetch(tg.loss()).run()) {
            assertTrue(Float.isFinite(((TFloat32) r.get(0)).getFloat()));
          }
        }
        Map<String, List<float[]>> last = MirroredEquivalenceTest.snapshot(s, reads);
        MirroredEquivalenceTest.assertComponentsIdentical(last);
        Map<String, float[]> weights = new LinkedHashMap<>();
        last.forEach((name, values) -> weights.put(name, values.get(0)));
        return weights;
      }
    }
  }
}
