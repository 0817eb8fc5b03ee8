package io.inscope.modules.tpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.modules.cluster.ClusterUnavailableException;
import io.inscope.modules.cluster.Topology;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TpuDevicesTest {
  static final TpuAddress ADDRESS = TpuAddress.resolve("grpc://10.0.0.2", Map.of());

  static List<String> v38(int task) {
    String p = "/job:worker/replica:0/task:" + task + "/device:";
    List<String> d = new ArrayList<>(List.of(p + "CPU:0", p + "TPU_SYSTEM:0"));
    for (int i = 0; i < 8; i++) {
      d.add(p + "TPU:" + i);
    }
    return d;
  }

  @Test
  void everyCoreByDefault() throws Exception {
    Topology t = TpuDevices.select(v38(0), null, ADDRESS);
    assertEquals("grpc://10.0.0.2:8470", t.target());
    assertEquals(8, t.replicas());
    assertEquals("/job:worker/replica:0/task:0/device:TPU:7", t.replicaDevices().get(7));
    assertEquals("/job:worker/replica:0/task:0/device:CPU:0", t.hostDevice());
  }

  @Test
  void fewerReplicasThanCores() throws Exception {
    assertEquals(2, TpuDevices.select(v38(0), 2, ADDRESS).replicas());
  }

  @Test
  void noTpuSystemNamesTheAddressTheDevicesAndTheWayOut() {
    ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class, () -> TpuDevices.select(
        List.of("/job:worker/replica:0/task:0/device:CPU:0"), null, ADDRESS));
    assertEquals("no TPU_SYSTEM device at grpc://10.0.0.2:8470 (found: CPU:0); is it a TPU host? use"
        + " strategy: mirrored to run without a TPU", e.getMessage());
  }

  @Test
  void tooManyReplicas() {
    ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
        () -> TpuDevices.select(v38(0), 16, ADDRESS));
    assertEquals(true, e.getMessage().startsWith("strategy.replicas is 16 but grpc://10.0.0.2:8470 has 8 TPU cores"));
  }

  @Test
  void hostsWithDifferentCoreCounts() {
    List<String> devices = new ArrayList<>(v38(0));
    devices.addAll(v38(1).subList(0, 6));
    ClusterUnavailableException e = assertThrows(ClusterUnavailableException.class,
        () -> TpuDevices.select(devices, null, ADDRESS));
    assertEquals(true, e.getMessage().contains("cores per task: {0=8, 1=4}"), e.getMessage());
  }

  @Test
  void shortNamesKeepTheTaskWhenNotZero() {
    assertEquals("CPU:0, task:1/TPU:3", TpuDevices.shortNames(List.of(
        "/job:worker/replica:0/task:0/device:CPU:0", "/job:worker/replica:0/task:1/device:TPU:3")));
  }
}
