package io.inscope.modules.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.ClusterSpec;
import io.inscope.configs.JobSpec;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.StrategyType;
import io.inscope.modules.cluster.MultiWorkerSystem;
import io.inscope.modules.cluster.Servers;
import io.inscope.modules.cluster.Topology;
import io.inscope.modules.cluster.WorkerCluster;
import io.inscope.modules.train.Jobs;
import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.TargetSessions;

/**
 * multi_worker_mirrored over two gRPC server tasks on loopback, both in this process (task 1's
 * server is what {@code runner.jar worker} runs; task 0's is the one the chief starts), one
 * replica per task: the graph is replicated across the tasks' devices, batch statistics and
 * gradients cross the tasks over TensorFlow's gRPC runtime. The residual network with synchronized
 * batch norm and the Transformer block of {@link MirroredEquivalenceTest} end within 1e-6
 * (relative) of one_device after 100 steps, every component identical across the tasks.
 */
class MultiWorkerEquivalenceTest {
  private static final int BATCH = 8;
  private static final int STEPS = 100;
  private static List<String> workers;

  @BeforeAll
  static void startTaskOne() throws Exception {
    workers = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < 2; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        workers.add("127.0.0.1:" + s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    // TensorFlow's servers cannot be stopped: task 1 serves until the test JVM ends
    Servers.start(new WorkerCluster(workers, 1), 1);
  }

  @Test
  void aResidualNetworkWithBatchNormTrainsLikeOneDeviceAcrossTwoTasks() throws Exception {
    assertTrainsLikeOneDevice(MirroredEquivalenceTest.residualWithBatchNorm());
  }

  @Test
  void aTransformerBlockTrainsLikeOneDeviceAcrossTwoTasks() throws Exception {
    assertTrainsLikeOneDevice(MirroredEquivalenceTest.transformer());
  }

  private static void assertTrainsLikeOneDevice(ModelSpec model) throws Exception {
    Map<String, float[]> one = MirroredEquivalenceTest.train(Jobs.classifier(StrategyType.ONE_DEVICE, null, model, BATCH, STEPS, 1));
    JobSpec job = onCluster(Jobs.classifier(StrategyType.MULTI_WORKER_MIRRORED, 1, model, BATCH, STEPS, 1));
    MultiWorkerSystem system = new MultiWorkerSystem();
    Topology topology = system.initialize(job);
    assertEquals(2, topology.replicaDevices().size(), topology.replicaDevices().toString());
    assertTrue(topology.replicaDevices().get(1).contains("/task:1/"), topology.replicaDevices().toString());
    Strategy strategy = new MirroredStrategy("multi_worker_mirrored", topology.replicaDevices(), new HubReduction());
    Map<String, float[]> two = MirroredEquivalenceTest.train(job, strategy,
        g -> TargetSessions.open(g, topology.target(), system.sessionConfig(job)));
    assertEquals(one.keySet(), two.keySet());
    for (String name : one.keySet()) {
      double err = MirroredEquivalenceTest.relativeError(one.get(name), two.get(name));
      assertTrue(err < 1e-6, name + " over two tasks differs from one_device by " + err);
    }
  }

  /** {@code job} with {@code cluster.workers} set to the two tasks. */
  private static JobSpec onCluster(JobSpec job) throws ReflectiveOperationException {
    RecordComponent[] components = JobSpec.class.getRecordComponents();
    Object[] values = new Object[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      types[i] = components[i].getType();
      values[i] = components[i].getName().equals("cluster")
          ? new ClusterSpec(null, workers, job.cluster().deadline())
          : components[i].getAccessor().invoke(job);
    }
    return JobSpec.class.getDeclaredConstructor(types).newInstance(values);
  }
}
