package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * The ring all-reduce (no hub) across tasks: a chief and one worker on loopback, each with two
 * replicas, given TF_CONFIG as Kubeflow's TFJob writes it. Gradients go around a ring of four
 * replicas in packs of 256 bytes (so the 8x16 kernel is cut into several packs); after 100 steps
 * the chief's weights equal one_device on the same global batch within 1e-6 (relative), and the
 * four replicas' components are bit-identical.
 */
class RingAllReduceIT {
  private static final int STEPS = 100;

  @TempDir Path tmp;
  @RegisterExtension final StartedProcesses started = new StartedProcesses();

  @Test
  void aRingOverChiefAndWorkerTrainsLikeOneDeviceWithIdenticalReplicas() throws Exception {
    int[] ports = Ports.free(2);
    String cluster = "\"cluster\": {\"chief\": [\"127.0.0.1:" + ports[0] + "\"], \"worker\": [\"127.0.0.1:"
        + ports[1] + "\"]}";
    Path job = CliHarness.syntheticJob(tmp, "cluster: {deadline: 60s}\n");
    String[] settings = {"--quiet", "--set", "train.steps=" + STEPS, "--set", "strategy.type=multi_worker_mirrored",
        "--set", "strategy.replicas=2", "--set", "strategy.all_reduce=ring", "--set", "strategy.bytes_per_pack=256",
        "--set", "strategy.mode=in_graph"};
    JarProcess worker = start("{" + cluster + ", \"task\": {\"type\": \"worker\", \"index\": 0}}",
        join(new String[] {job.toString(), "--output", tmp.resolve("worker-run").toString()}, settings));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(worker.log).contains("serving at") && worker.process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(worker.process.isAlive(), Files.readString(worker.log));
    Path twoRun = tmp.resolve("two");
    JarProcess chief = start("{" + cluster + ", \"task\": {\"type\": \"chief\", \"index\": 0}}",
        join(new String[] {job.toString(), "--output", twoRun.toString()}, settings)).finish(300);
    assertEquals(0, chief.exit, chief.output);
    assertTrue(Files.readString(twoRun.resolve("job.resolved.yaml")).contains("all_reduce: ring"));

    Path oneJob = CliHarness.syntheticJob(Files.createDirectory(tmp.resolve("one")), "");
    CliHarness.Run one = CliHarness.run("run", oneJob.toString(), "--output", tmp.resolve("one-run").toString(),
        "--quiet", "--set", "train.steps=" + STEPS);
    assertEquals(0, one.exit(), one.err());

    Path two = latest(twoRun);
    assertEquals(STEPS, Checkpoints.readState(two).step());
    Map<String, float[]> expected = CheckpointValues.read(latest(tmp.resolve("one-run")));
    Map<String, float[]> actual = CheckpointValues.read(two);
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      double err = CheckpointValues.relativeError(expected.get(name), actual.get(name));
      assertTrue(err < 1e-6, name + " over a ring of chief + worker differs from one_device by " + err);
    }
    for (Map.Entry<String, List<String>> e : Checkpoints.readReplicaChecksums(two).entrySet()) {
      assertEquals(4, e.getValue().size(), e.getKey());
      assertEquals(1, e.getValue().stream().distinct().count(), e.getKey() + ": replicas drifted apart " + e.getValue());
    }
  }

  private static String[] join(String[] a, String[] b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private static Path latest(Path runDir) throws IOException {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }

  private JarProcess start(String tfConfig, String... args) throws IOException {
    JarProcess p = JarProcess.startWithTfConfig(tmp, tfConfig, args);
    started.add(p.process);
    return p;
  }
}
