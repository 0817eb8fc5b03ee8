package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TPU job against a real TensorFlow server on loopback that has no TPU, and against an address
 * where nothing listens: both exit 69 with a message a user can act on.
 */
@Timeout(120)
class TpuUnavailableTest {
  static NoTpuServer server;
  @TempDir Path tmp;

  @BeforeAll
  static void startServer() throws Exception {
    server = NoTpuServer.launch();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (server != null) {
      server.close();
    }
  }

  @Test
  void aServerWithoutTpuExits69NamingTheAddressTheDevicesAndTheWayOut() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, tpuJob(server.address(), "30s"));
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", tmp.resolve("out").toString(), "--quiet");
    assertEquals(69, r.exit(), r.err());
    assertEquals("no TPU_SYSTEM device at " + server.address() + " (found: CPU:0); is it a TPU host?"
        + " use strategy: mirrored to run without a TPU\n", r.err());
  }

  @Test
  void planPrintsTheResolvedMasterThenExits69() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, tpuJob(server.address(), "30s"));
    CliHarness.Run r = CliHarness.run("plan", job.toString());
    assertEquals(69, r.exit(), r.err());
    assertTrue(r.out().contains("tpu master: " + server.address() + "\n"), r.out());
    assertTrue(r.err().contains("TPU_SYSTEM"), r.err());
  }

  @Test
  void nothingListeningExits69WithinTheDeadline() throws Exception {
    int unused = NoTpuServer.freePort();
    Path job = CliHarness.syntheticJob(tmp, tpuJob("grpc://127.0.0.1:" + unused, "3s"));
    long start = System.nanoTime();
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", tmp.resolve("out").toString(), "--quiet");
    double seconds = (System.nanoTime() - start) / 1e9;
    assertEquals(69, r.exit(), r.err());
    assertTrue(seconds < 6, "took " + seconds + " s with cluster.deadline: 3s");
    assertEquals("no answer from grpc://127.0.0.1:" + unused + " within 3s while listing its devices"
        + " (cluster.deadline); check the address and that the TPU is up, or raise cluster.deadline\n", r.err());
  }

  @Test
  void noAddressAnywhereIsAJobErrorNamingTheColabRecipe() throws Exception {
    for (String v : List.of("KUBE_GOOGLE_CLOUD_TPU_ENDPOINTS", "TPU_NAME", "TPU_CONFIG")) {
      assumeTrue(System.getenv(v) == null, v + " is set here");
    }
    Path job = CliHarness.syntheticJob(tmp, "strategy: {type: tpu}\n");
    CliHarness.Run r = CliHarness.run("plan", job.toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("grpc://${COLAB_TPU_ADDR}"), r.err());
  }

  @Test
  void aBareTpuNameIsAJobErrorSuggestingTheGrpcAddress() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "cluster: {tpu: my-tpu}\nstrategy: {type: tpu}\n");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", tmp.resolve("out").toString());
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("give its grpc:// address instead"), r.err());
  }

  private static String tpuJob(String address, String deadline) {
    return "cluster: {tpu: \"" + address + "\", deadline: " + deadline + "}\nstrategy: {type: tpu}\n";
  }
}
