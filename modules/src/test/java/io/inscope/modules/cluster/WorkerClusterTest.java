package io.inscope.modules.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.ClusterSpec;
import io.inscope.configs.TimeSpan;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ServerDef;

class WorkerClusterTest {
  private static final ClusterSpec NONE = new ClusterSpec(null, null, TimeSpan.parse("60s"));

  @Test
  void theJobFileWinsOverTfConfigAndMakesThisProcessTaskZero() {
    ClusterSpec listed = new ClusterSpec(null, List.of("h0:2222", "h1:2222"), TimeSpan.parse("60s"));
    WorkerCluster c = WorkerCluster.forJob(listed, "{\"cluster\": {\"worker\": [\"x:1\"]}, \"task\": {\"index\": 0}}");
    assertEquals(List.of("h0:2222", "h1:2222"), c.addresses());
    assertEquals(0, c.task());
    assertEquals("grpc://127.0.0.1:2222", c.localTarget());
  }

  @Test
  void withNoWorkersTheClusterComesFromTfConfig() {
    WorkerCluster c = WorkerCluster.forJob(NONE,
        "{\"cluster\": {\"worker\": [\"h0:2222\", \"h1:2223\"], \"ps\": []}, \"task\": {\"type\": \"worker\", \"index\": 1}}");
    assertEquals(List.of("h0:2222", "h1:2223"), c.addresses());
    assertEquals(1, c.task());
    assertEquals("grpc://127.0.0.1:2223", c.localTarget());
  }

  @Test
  void noClusterAtAllSaysWhatToSet() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WorkerCluster.forJob(NONE, null));
    assertTrue(e.getMessage().contains("cluster.workers") && e.getMessage().contains("TF_CONFIG"), e.getMessage());
  }

  @Test
  void theServerDefNamesEveryTaskOfJobWorkerAndTheCpuCount() {
    ServerDef def = new WorkerCluster(List.of("127.0.0.1:5000", "127.0.0.1:5001"), 1).serverDef(3);
    assertEquals("worker", def.getJobName());
    assertEquals(1, def.getTaskIndex());
    assertEquals("grpc", def.getProtocol());
    assertEquals("127.0.0.1:5001", def.getCluster().getJob(0).getTasksOrThrow(1));
    assertEquals(3, def.getDefaultSessionConfig().getDeviceCountOrThrow("CPU"));
  }

  @Test
  void addressesAndTaskIndexesAreChecked() {
    assertThrows(IllegalArgumentException.class, () -> new WorkerCluster(List.of("h0"), 0));
    assertThrows(IllegalArgumentException.class, () -> new WorkerCluster(List.of("h0:70000"), 0));
    assertThrows(IllegalArgumentException.class, () -> new WorkerCluster(List.of("h0:1", "h0:1"), 0));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WorkerCluster(List.of("h0:1"), 1));
    assertTrue(e.getMessage().contains("numbered 0 to 0"), e.getMessage());
    assertEquals("::1", WorkerCluster.host("[::1]:2222"));
    assertEquals(2222, WorkerCluster.port("[::1]:2222"));
  }

  @Test
  void taskNamesFollowTensorFlowsDeviceNames() {
    assertEquals("/job:worker/replica:0/task:3", WorkerCluster.taskName(3));
  }
}
