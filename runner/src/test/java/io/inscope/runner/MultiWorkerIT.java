package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * multi_worker_mirrored over two JVMs on loopback: task 1 is {@code runner.jar worker}, task 0 runs
 * the job. Training with two replicas per task matches one_device on the same global batch; a task
 * that never answers, or dies mid-run, ends the run with exit 69 naming its address, and the rerun
 * resumes from the last checkpoint.
 */
class MultiWorkerIT {
  @TempDir Path tmp;
  @RegisterExtension final StartedProcesses started = new StartedProcesses();

  @Test
  void twoTasksOfTwoReplicasTrainLikeOneDeviceAndTheWorkerEndsOnSigterm() throws Exception {
    int[] ports = freePorts(2);
    JarProcess worker = startWorker(ports, 1, "--replicas", "2");
    Path job = CliHarness.syntheticJob(tmp, cluster(ports, "30s"));
    JarProcess chief = start("run", job.toString(), "--output", tmp.resolve("two").toString(), "--quiet",
        "--set", "train.steps=50", "--set", "strategy.type=multi_worker_mirrored", "--set", "strategy.replicas=2")
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
      assertTrue(err < 1e-6, name + " over two tasks differs from one_device by " + err);
    }
    for (Map.Entry<String, List<String>> e : Checkpoints.readReplicaChecksums(two).entrySet()) {
      assertEquals(4, e.getValue().size(), e.getKey());
      assertEquals(1, e.getValue().stream().distinct().count(), e.getKey() + ": replicas drifted apart " + e.getValue());
    }

    long t0 = System.nanoTime();
    worker.process.destroy(); // SIGTERM
    worker.finish(10);
    assertEquals(0, worker.exit, worker.output);
    assertTrue(worker.output.contains("worker task 1 of 2 serving at 127.0.0.1:" + ports[1] + " (2 CPU device(s)), listening on every interface at port " + ports[1] + " without authentication"), worker.output);
    assertTrue(System.nanoTime() - t0 < TimeUnit.SECONDS.toNanos(10));
  }

  /**
   * precision: mixed_float16 over two tasks of two replicas: the loss scaling's skip (a Switch/Merge
   * pair on every replica's device) runs across tasks, every step applies the loss scale one device
   * applies, and the weights end within float16 rounding of one device's (each replica's float16
   * sums run over a quarter of the batch).
   */
  @Test
  void mixedFloat16OverTwoTasksAppliesOneDevicesLossScales() throws Exception {
    int[] ports = freePorts(2);
    startWorker(ports, 1, "--replicas", "2");
    String f16 = "precision: mixed_float16\n";
    Path job = CliHarness.syntheticJob(tmp, cluster(ports, "30s") + f16);
    JarProcess chief = start("run", job.toString(), "--output", tmp.resolve("two").toString(), "--quiet",
        "--set", "train.steps=30", "--set", "train.log_every_steps=1", "--set", "strategy.type=multi_worker_mirrored",
        "--set", "strategy.replicas=2").finish(240);
    assertEquals(0, chief.exit, chief.output);
    Path oneJob = CliHarness.syntheticJob(Files.createDirectory(tmp.resolve("one")), f16);
    CliHarness.Run one = CliHarness.run("run", oneJob.toString(), "--output", tmp.resolve("one-run").toString(),
        "--quiet", "--set", "train.steps=30", "--set", "train.log_every_steps=1");
    assertEquals(0, one.exit(), one.err());

    List<String> scalesOne = lossScales(tmp.resolve("one-run"));
    assertEquals(30, scalesOne.size());
    assertEquals(scalesOne, lossScales(tmp.resolve("two")));
    Map<String, float[]> expected = CheckpointValues.read(latest(tmp.resolve("one-run")));
    Map<String, float[]> actual = CheckpointValues.read(latest(tmp.resolve("two")));
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      double err = CheckpointValues.relativeError(expected.get(name), actual.get(name));
      assertTrue(err < 1e-2, name + " over two tasks differs from one_device by " + err);
    }
    for (Map.Entry<String, List<String>> e : Checkpoints.readReplicaChecksums(latest(tmp.resolve("two"))).entrySet()) {
      assertEquals(1, e.getValue().stream().distinct().count(), e.getKey() + ": replicas drifted apart " + e.getValue());
    }
  }

  private static List<String> lossScales(Path run) throws IOException {
    return Files.readAllLines(run.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"split\":\"train\""))
        .map(l -> l.replaceAll(".*\"loss_scale\":([^,}]*).*", "$1")).toList();
  }

  @Test
  void anAbsentTaskEndsTheRunWith69NamingItsAddressWithinTheDeadline() throws Exception {
    int[] ports = freePorts(2);
    Path job = CliHarness.syntheticJob(tmp, cluster(ports, "3s"));
    long t0 = System.nanoTime();
    JarProcess chief = start("run", job.toString(), "--output", tmp.resolve("run").toString(),
        "--set", "strategy.type=multi_worker_mirrored").finish(120);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(ExitCodes.UNAVAILABLE, chief.exit, chief.output);
    assertTrue(chief.output.contains("task 1 at 127.0.0.1:" + ports[1]), chief.output);
    assertTrue(!chief.output.contains("task 0 at"), chief.output);
    // the deadline, plus JVM start and TensorFlow's load
    assertTrue(seconds < 3 + 20, "took " + seconds + " s");
  }

  @Test
  void aWorkerThatDiesMidRunEndsItWith69AndTheRerunResumes() throws Exception {
    int[] ports = freePorts(2);
    JarProcess worker = startWorker(ports, 1);
    Path job = CliHarness.syntheticJob(tmp, cluster(ports, "30s"));
    Path out = tmp.resolve("run");
    String[] args = {"run", job.toString(), "--output", out.toString(), "--set", "train.steps=100000",
        "--set", "strategy.type=multi_worker_mirrored", "--set", "checkpoint.every_steps=50",
        "--set", "train.log_every_steps=50"};
    JarProcess chief = start(args);
    Path checkpoints = out.resolve("checkpoints");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.isDirectory(checkpoints) && hasCheckpoint(out)) && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    worker.process.destroyForcibly();
    chief.finish(120);
    assertEquals(ExitCodes.UNAVAILABLE, chief.exit, chief.output);
    assertTrue(chief.output.contains("task 1 at 127.0.0.1:" + ports[1]), chief.output);
    long kept = Checkpoints.readState(latest(out)).step();
    assertTrue(kept >= 50, "kept step " + kept);

    startWorker(ports, 1);
    args[5] = "train.steps=" + (kept + 20);
    JarProcess rerun = start(args).finish(240);
    assertEquals(0, rerun.exit, rerun.output);
    assertTrue(rerun.output.contains("(step " + kept + ")"), rerun.output);
  }

  private static boolean hasCheckpoint(Path runDir) throws IOException {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().isPresent();
  }

  private static String cluster(int[] ports, String deadline) {
    return "cluster: {workers: [\"127.0.0.1:" + ports[0] + "\", \"127.0.0.1:" + ports[1] + "\"], deadline: " + deadline + "}\n";
  }

  private JarProcess startWorker(int[] ports, int task, String... more) throws IOException, InterruptedException {
    List<String> args = new ArrayList<>(List.of(
        "worker", "--cluster", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1], "--task", Integer.toString(task)));
    args.addAll(List.of(more));
    JarProcess w = start(args.toArray(String[]::new));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(w.log).contains("serving at") && w.process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(w.process.isAlive(), Files.readString(w.log));
    return w;
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

  private JarProcess start(String... args) throws IOException {
    JarProcess p = JarProcess.start(tmp, args);
    started.add(p.process);
    return p;
  }
}
