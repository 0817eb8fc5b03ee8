package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
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
 * A Kubeflow TFJob on loopback, in graph ({@code strategy.mode: in_graph}): a chief and one worker,
 * both running {@code runner.jar job.yaml} with the TF_CONFIG the training operator would give them
 * (between graphs, the default with TF_CONFIG, is {@link BetweenGraphIT}). The chief's result equals one_device
 * on the same global batch; the worker serves and writes nothing into its run directory (given
 * its own {@code --output} here, since both share one machine).
 */
class TfJobIT {
  @TempDir Path tmp;
  @RegisterExtension final StartedProcesses started = new StartedProcesses();

  @Test
  void theChiefTrainsLikeOneDeviceAndTheWorkerOnlyServes() throws Exception {
    int[] ports = freePorts(2);
    String cluster = "\"cluster\": {\"chief\": [\"127.0.0.1:" + ports[0] + "\"], \"worker\": [\"127.0.0.1:"
        + ports[1] + "\"]}";
    Path job = CliHarness.syntheticJob(tmp, "cluster: {deadline: 60s}\n");
    Path workerRun = tmp.resolve("worker-run");
    JarProcess worker = start("{" + cluster + ", \"task\": {\"type\": \"worker\", \"index\": 0}, \"environment\": \"cloud\"}",
        job.toString(), "--output", workerRun.toString(), "--quiet",
        "--set", "train.steps=50", "--set", "strategy.type=multi_worker_mirrored", "--set", "strategy.replicas=2",
        "--set", "strategy.mode=in_graph");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(worker.log).contains("serving at") && worker.process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(worker.process.isAlive(), Files.readString(worker.log));
    JarProcess chief = start("{" + cluster + ", \"task\": {\"type\": \"chief\", \"index\": 0}, \"environment\": \"cloud\"}",
        job.toString(), "--output", tmp.resolve("two").toString(), "--quiet",
        "--set", "train.steps=50", "--set", "strategy.type=multi_worker_mirrored", "--set", "strategy.replicas=2",
        "--set", "strategy.mode=in_graph")
        .finish(240);
    assertEquals(0, chief.exit, chief.output);

    Path oneJob = CliHarness.syntheticJob(Files.createDirectory(tmp.resolve("one")), "");
    CliHarness.Run one = CliHarness.run("run", oneJob.toString(), "--output", tmp.resolve("one-run").toString(),
        "--quiet", "--set", "train.steps=50");
    assertEquals(0, one.exit(), one.err());

    Path two = latest(tmp.resolve("two"));
    assertEquals(50, Checkpoints.readState(two).step());
    Map<String, float[]> expected = CheckpointValues.read(latest(tmp.resolve("one-run")));
    Map<String, float[]> actual = CheckpointValues.read(two);
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      double err = CheckpointValues.relativeError(expected.get(name), actual.get(name));
      assertTrue(err < 1e-6, name + " over chief + worker differs from one_device by " + err);
    }

    worker.process.destroy(); // SIGTERM
    worker.finish(10);
    assertEquals(0, worker.exit, worker.output);
    assertTrue(worker.output.contains("TF_CONFIG names this process task 1 of 2, not the chief"), worker.output);
    assertTrue(worker.output.contains("worker task 1 of 2 serving at 127.0.0.1:" + ports[1] + " (2 CPU device(s))"), worker.output);
    assertFalse(Files.exists(workerRun), "the worker wrote into its run directory");
  }

  @Test
  void aWrongTfConfigIsExit2NamingThePartBeforeAnythingStarts() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path run = tmp.resolve("run");
    JarProcess p = start("{\"cluster\": {\"chief\": [\"127.0.0.1:1\", \"127.0.0.1:2\"], \"worker\": [\"127.0.0.1:3\"]}}",
        job.toString(), "--output", run.toString(), "--set", "strategy.type=multi_worker_mirrored").finish(60);
    assertEquals(ExitCodes.USAGE, p.exit, p.output);
    assertTrue(p.output.contains(job + ": TF_CONFIG: cluster.chief must list one task (got 2)"), p.output);
    assertFalse(Files.exists(run), "nothing is written for a wrong TF_CONFIG");
  }

  /** Ports free on loopback now (TensorFlow's server binds them itself, on every interface). */
  private static int[] freePorts(int n) throws IOException {
    int[] ports = new int[n];
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < n; i++) {
        ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(s);
        ports[i] = s.getLocalPort();
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return ports;
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
