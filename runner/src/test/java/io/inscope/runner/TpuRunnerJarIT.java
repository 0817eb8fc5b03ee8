package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** runner.jar, run as users run it, on a TPU address served by a TensorFlow server without TPU. */
class TpuRunnerJarIT {
  @TempDir Path tmp;

  @Test
  void runnerJarExits69OnAServerWithoutTpu() throws Exception {
    try (NoTpuServer server = NoTpuServer.launch()) {
      Path job = CliHarness.syntheticJob(tmp,
          "cluster: {tpu: \"" + server.address() + "\", deadline: 30s}\nstrategy: {type: tpu}\n");
      Path log = tmp.resolve("runner.log");
      Process p = new ProcessBuilder(List.of(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
              Path.of("target", "runner.jar").toString(), "run", job.toString(), "--output", tmp.resolve("out").toString()))
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      assertTrue(p.waitFor(120, TimeUnit.SECONDS), "runner.jar did not finish");
      String output = Files.readString(log);
      assertEquals(ExitCodes.UNAVAILABLE, p.exitValue(), output);
      assertTrue(output.contains("no TPU_SYSTEM device at " + server.address() + " (found: CPU:0)"), output);
      assertTrue(output.contains("use strategy: mirrored to run without a TPU"), output);
    }
  }
}
