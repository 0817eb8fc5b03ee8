package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PlanAndInspectTest {
  @TempDir Path tmp;

  @Test
  void planListsReplicasVariablesAndTheParameterCount() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    CliHarness.Run r = CliHarness.run("plan", job.toString());
    assertEquals(0, r.exit(), r.err());
    // 8*16 + 16 + 16*4 + 4 weights
    assertTrue(r.out().contains("parameters: 212"), r.out());
    assertTrue(r.out().contains("batch: 32 global, 32 per replica"), r.out());
    assertTrue(r.out().matches("(?s).*dense\\.kernel\\s+\\[8, 16\\]\\s+float32\\s+weight\\s+/job:localhost/replica:0/task:0/device:CPU:0.*"), r.out());
    assertTrue(r.out().contains("dense.kernel-momentum"), r.out());
  }

  @Test
  void mirroredPlanPlacesOneComponentPerReplica() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "strategy: {type: mirrored, replicas: 2}\n");
    CliHarness.Run r = CliHarness.run("plan", job.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("replicas: 2"), r.out());
    assertTrue(r.out().contains("batch: 32 global, 16 per replica"), r.out());
    assertTrue(r.out().matches("(?s).*dense\\.kernel .*device:CPU:0, .*device:CPU:1.*"), r.out());
  }

  @Test
  void inspectListsEveryVariableOfTheLatestCheckpoint() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet").exit());
    CliHarness.Run r = CliHarness.run("inspect", out.toString());
    assertEquals(0, r.exit(), r.err());
    assertTrue(r.out().contains("(step 60)"), r.out());
    for (String v : new String[] {"global_step", "dense.kernel", "dense.bias", "dense_1.kernel", "dense_1.bias", "dense.kernel-momentum"}) {
      assertTrue(r.out().contains(v + " "), v + " missing in\n" + r.out());
    }
    assertTrue(r.out().matches("(?s).*global_step\\s+\\[\\]\\s+int64\\s+[0-9a-f]{16}\\s+= 60\\s.*"), r.out());
    assertTrue(r.out().matches("(?s).*dense\\.kernel\\s+\\[8, 16\\]\\s+float32\\s+[0-9a-f]{16}\\s+min -\\S+ max \\S+ mean \\S+\\s.*"), r.out());
  }

  @Test
  void theSameJobRunsMirroredOverFourReplicasWithIdenticalComponents() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("mirrored");
    CliHarness.Run run = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet",
        "--set", "strategy.type=mirrored", "--set", "strategy.replicas=4");
    assertEquals(0, run.exit(), run.err());
    CliHarness.Run r = CliHarness.run("inspect", out.toString());
    assertEquals(0, r.exit(), r.err());
    java.util.regex.Matcher m = java.util.regex.Pattern
        .compile("(?m)^dense\\.kernel\\s+\\[8, 16\\]\\s+float32\\s+([0-9a-f]{16})\\s+min \\S+ max \\S+ mean \\S+\\s+(.*)$").matcher(r.out());
    assertTrue(m.find(), r.out());
    String[] replicas = m.group(2).trim().split(" ");
    assertEquals(4, replicas.length, r.out());
    for (String c : replicas) {
      assertEquals(m.group(1), c, "every replica's component equals the saved copy");
    }
  }

  @Test
  void inspectOfANonRunDirectoryExits2() {
    CliHarness.Run r = CliHarness.run("inspect", tmp.resolve("nope").toString());
    assertEquals(ExitCodes.USAGE, r.exit());
  }
}
