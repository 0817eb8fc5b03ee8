package io.inscope.modules.tpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ClusterDef;

class TpuAddressTest {

  @Test
  void grpcAddressWithPort() {
    TpuAddress a = TpuAddress.resolve("grpc://10.0.0.2:8471", Map.of());
    assertEquals("grpc://10.0.0.2:8471", a.master());
    assertEquals(List.of("10.0.0.2:8471"), a.endpoints());
    assertEquals("cluster.tpu", a.source());
  }

  @Test
  void portDefaultsTo8470() {
    assertEquals("grpc://tpu-host:8470", TpuAddress.resolve("grpc://tpu-host", Map.of()).master());
  }

  @Test
  void commaSeparatedEndpointsAreTasksOfJobWorker() {
    TpuAddress a = TpuAddress.resolve("grpc://10.0.0.2, grpc://10.0.0.3:9000", Map.of());
    assertEquals("grpc://10.0.0.2:8470", a.master());
    assertEquals(List.of("10.0.0.2:8470", "10.0.0.3:9000"), a.endpoints());
    ClusterDef c = a.clusterDef();
    assertEquals("worker", c.getJob(0).getName());
    assertEquals(Map.of(0, "10.0.0.2:8470", 1, "10.0.0.3:9000"), c.getJob(0).getTasksMap());
  }

  @Test
  void ipv6Endpoint() {
    assertEquals("grpc://[::1]:8470", TpuAddress.resolve("grpc://[::1]", Map.of()).master());
    assertEquals("grpc://[::1]:2222", TpuAddress.resolve("grpc://[::1]:2222", Map.of()).master());
  }

  @Test
  void localHasNoMasterAndNoCluster() {
    TpuAddress a = TpuAddress.resolve("local", Map.of());
    assertTrue(a.isLocal());
    assertEquals("", a.master());
    assertEquals(0, a.clusterDef().getJobCount());
  }

  @Test
  void emptyReadsTpuNameThenKubeEndpointsFirst() {
    assertEquals("grpc://10.1.1.1:8470",
        TpuAddress.resolve("", Map.of("TPU_NAME", "grpc://10.1.1.1")).master());
    assertEquals("grpc://10.2.2.2:8470", TpuAddress.resolve(null, Map.of(
        "TPU_NAME", "grpc://10.1.1.1", "KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS", "grpc://10.2.2.2")).master());
    assertEquals("TPU_NAME", TpuAddress.resolve("", Map.of("TPU_NAME", "grpc://h")).source());
  }

  @Test
  void colabAddressThroughInterpolationIsAGrpcAddress() {
    String colab = "10.94.41.2:8470"; // what COLAB_TPU_ADDR holds; the job writes grpc://${COLAB_TPU_ADDR}
    assertEquals("grpc://10.94.41.2:8470", TpuAddress.resolve("grpc://" + colab, Map.of()).master());
  }

  @Test
  void bareNameNeedsALookupAndSuggestsTheGrpcAddress() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> TpuAddress.resolve("", Map.of("TPU_NAME", "my-tpu")));
    assertEquals("TPU_NAME: 'my-tpu' is a TPU name, which needs a Cloud TPU API lookup this runner does"
        + " not do; give the TPU host's address instead: cluster.tpu: grpc://<ip>:8470 (gcloud"
        + " compute tpus describe my-tpu shows it)", e.getMessage());
  }

  @Test
  void tpuConfigNamesANodeWhichNeedsALookup() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TpuAddress.resolve(
        "", Map.of("TPU_CONFIG", "{\"project\": \"p\", \"zone\": \"z\", \"tpu_node_name\": \"node-7\"}")));
    assertTrue(e.getMessage().startsWith("TPU_CONFIG: 'node-7' is a TPU name"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> TpuAddress.resolve("", Map.of("TPU_CONFIG", "{not json")));
  }

  @Test
  void nothingSetNamesTheVariablesAndTheColabRecipe() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TpuAddress.resolve("", Map.of()));
    assertEquals("cluster.tpu: no TPU address given and none of KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS, TPU_NAME,"
        + " TPU_CONFIG is set; set cluster.tpu to grpc://host:8470 (on Colab: grpc://${COLAB_TPU_ADDR})"
        + " or to local", e.getMessage());
  }

  @Test
  void badPortsAreErrors() {
    assertThrows(IllegalArgumentException.class, () -> TpuAddress.resolve("", Map.of("TPU_NAME", "grpc://h:0")));
    assertThrows(IllegalArgumentException.class, () -> TpuAddress.resolve("", Map.of("TPU_NAME", "grpc://h:99999")));
    assertThrows(IllegalArgumentException.class, () -> TpuAddress.resolve("", Map.of("TPU_NAME", "grpc://")));
  }
}
