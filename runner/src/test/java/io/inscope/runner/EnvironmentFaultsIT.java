package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A model too large for memory, in a runner.jar whose address space is capped with {@code ulimit
 * -v} (3 GB), so that the machine never swaps: TensorFlow fails to allocate a 3.2 GB weight (as
 * RESOURCE_EXHAUSTED when it runs an op; as "Cannot parse tensor from proto" when its constant
 * folding materializes a zero-filled optimizer slot) and the run exits 71 naming the shape.
 */
class EnvironmentFaultsIT {
  @TempDir Path tmp;

  @Test
  void aModelTooLargeForMemoryIsExit71() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "tensorboard: {enabled: false}\n");
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cmd = "ulimit -v 3000000 && exec " + java + " -Xmx256m -XX:ReservedCodeCacheSize=64m -XX:MaxMetaspaceSize=128m"
        + " -XX:CompressedClassSpaceSize=64m -jar " + JarProcess.JAR + " run " + job + " --output " + tmp.resolve("run")
        + " --quiet --set model.layers[0].dense.units=100000000";
    Path log = tmp.resolve("log");
    ProcessBuilder pb = new ProcessBuilder("bash", "-c", cmd).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), Files.readString(log));
    String out = Files.readString(log);
    assertEquals(ExitCodes.OUT_OF_MEMORY, p.exitValue(), out);
    assertTrue(out.contains("TensorFlow ran out of memory (OOM when allocating tensor with shape[100000000,4]")
        || out.contains("TensorFlow ran out of memory (could not allocate a tensor of shape [8,100000000])"), out);
    assertTrue(out.contains("use a smaller data.*.batch_size or model, or a machine with more memory"), out);
    assertFalse(out.contains("\tat "), out);
  }
}
