package io.inscope.modules.strategy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.modules.cluster.Servers;
import io.inscope.modules.cluster.WorkerCluster;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.TargetSessions;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * {@link Collectives#allReduce}: TensorFlow Java 1.1.0 runs {@code CollectiveReduceV2} (built by
 * name: it has no Java wrapper) between two gRPC server tasks on loopback, each with its own graph
 * and session on its own server, with {@code experimental.collective_group_leader} set on both
 * (server and session): both get the sum, bit for bit the same, over three runs of the same graph
 * (one instance key per collective, reused across steps, as TensorFlow's graph-mode
 * MultiWorkerMirroredStrategy does), for float32 and int64.
 */
class CollectivesTest {
  @Test
  void twoTasksWithTheirOwnGraphsAllReduceOverGrpc() throws Exception {
    List<String> addrs = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
      held.add(s);
      addrs.add("127.0.0.1:" + s.getLocalPort());
    }
    for (ServerSocket s : held) {
      s.close();
    }
    ConfigProto.Builder cfg = ConfigProto.newBuilder();
    cfg.getExperimentalBuilder().setCollectiveGroupLeader("/job:worker/replica:0/task:0");
    for (int t = 0; t < 2; t++) {
      // the servers' own config names the group leader too
      Servers.start(new WorkerCluster(addrs, t), 1, true);
    }
    ExecutorService pool = Executors.newFixedThreadPool(2);
    List<Future<float[]>> results = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      int task = t;
      results.add(pool.submit(() -> run(addrs, task, cfg.clone().setIsolateSessionState(true).setOperationTimeoutInMs(30000).build())));
    }
    float[] a = results.get(0).get(60, TimeUnit.SECONDS);
    float[] b = results.get(1).get(60, TimeUnit.SECONDS);
    pool.shutdown();
    assertEquals(java.util.Arrays.toString(new float[] {3f, 0.1f + 0.2f, 6f, 11f, 1.5f}), java.util.Arrays.toString(a));
    for (int i = 0; i < a.length; i++) {
      assertEquals(Float.floatToRawIntBits(a[i]), Float.floatToRawIntBits(b[i]), "element " + i);
    }
  }

  private static float[] run(List<String> addrs, int task, ConfigProto config) {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(org.tensorflow.DeviceSpec.newBuilder().job("worker").replica(0).task(task)
          .deviceType(org.tensorflow.DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
      var x = tf.constant(new float[] {task + 1f, 0.1f * (task + 1), 3f});
      // group key 50: the servers are this test's, but the keys of other tests' jobs start at 1
      Operand<TFloat32> sum = Collectives.allReduce(tf, x, 2, 50, false, 20f);
      Operand<TInt64> longs = Collectives.allReduce(tf, tf.constant(new long[] {task + 5L}), 2, 50, false, 20f);
      Operand<TFloat32> mean = Collectives.allReduce(tf, tf.constant(task + 1f), 2, 50, true, 20f);
      try (Session s = TargetSessions.open(g, "grpc://" + addrs.get(task), config)) {
        float[] r = new float[5];
        for (int rep = 0; rep < 3; rep++) {
          try (org.tensorflow.Result res = s.runner().fetch(sum).fetch(longs).fetch(mean).run()) {
            TFloat32 out = (TFloat32) res.get(0);
            for (int i = 0; i < 3; i++) r[i] = out.getFloat(i);
            r[3] = ((TInt64) res.get(1)).getLong(0);
            r[4] = ((TFloat32) res.get(2)).getFloat();
          }
        }
        return r;
      }
    }
  }
}
