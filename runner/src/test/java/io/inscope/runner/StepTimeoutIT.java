package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code cluster.step_timeout}: a worker that vanishes mid-step without closing its connections
 * (frozen with SIGSTOP, as a host that loses power or network looks to its peers) ends the run with
 * exit 69 within the timeout, naming the timeout; the last checkpoint is intact, and once the task
 * is restarted the rerun resumes from it.
 */
class StepTimeoutIT {
  private static final int TIMEOUT_SECONDS = 8;

  @TempDir Path tmp;
  @RegisterExtension final StartedProcesses started = new StartedProcesses();

  @Test
  void aFrozenWorkerEndsTheRunWith69WithinTheStepTimeoutAndARestartedOneResumes() throws Exception {
    int[] ports = Ports.free(2);
    JarProcess worker = startWorker(ports);
    Path job = CliHarness.syntheticJob(tmp, "cluster: {workers: [\"127.0.0.1:" + ports[0] + "\", \"127.0.0.1:" + ports[1]
        + "\"], deadline: 60s, step_timeout: " + TIMEOUT_SECONDS + "s}\n");
    Path out = tmp.resolve("run");
    String[] args = {"run", job.toString(), "--output", out.toString(), "--set", "train.steps=100000",
        "--set", "strategy.type=multi_worker_mirrored", "--set", "checkpoint.every_steps=50",
        "--set", "train.log_every_steps=50"};
    JarProcess chief = start(args);
    long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!hasCheckpoint(out) && chief.process.isAlive() && System.nanoTime() < wait) {
      Thread.sleep(50);
    }
    assertTrue(chief.process.isAlive(), Files.readString(chief.log));
    signal("STOP", worker.process);
    long t0 = System.nanoTime();
    chief.finish(120);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(ExitCodes.UNAVAILABLE, chief.exit, chief.output);
    assertTrue(chief.output.contains("did not finish within cluster.step_timeout (" + TIMEOUT_SECONDS + "s)"), chief.output);
    // the timeout, plus the step in flight and the JVM's exit on a loaded machine
    assertTrue(seconds < TIMEOUT_SECONDS + 30, "took " + seconds + " s");
    long kept = Checkpoints.readState(latest(out)).step();
    assertTrue(kept >= 50, "kept step " + kept);

    worker.process.destroyForcibly();
    assertTrue(worker.process.waitFor(30, TimeUnit.SECONDS));
    startWorker(ports);
    args[5] = "train.steps=" + (kept + 20);
    JarProcess rerun = start(args).finish(240);
    assertEquals(0, rerun.exit, rerun.output);
    assertTrue(rerun.output.contains("(step " + kept + ")"), rerun.output);
    assertEquals(kept + 20, Checkpoints.readState(latest(out)).step());
  }

  private static void signal(String name, Process p) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
  }

  private static boolean hasCheckpoint(Path runDir) throws IOException {
    return Files.isDirectory(runDir.resolve("checkpoints"))
        && new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().isPresent();
  }

  private static Path latest(Path runDir) throws IOException {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }

  private JarProcess startWorker(int[] ports) throws IOException, InterruptedException {
    JarProcess w = start("worker", "--cluster", "127.0.0.1:" + ports[0] + ",127.0.0.1:" + ports[1], "--task", "1");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(w.log).contains("serving at") && w.process.isAlive() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertTrue(w.process.isAlive(), Files.readString(w.log));
    return w;
  }

  private JarProcess start(String... args) throws IOException {
    JarProcess p = JarProcess.start(tmp, args);
    started.add(p.process);
    return p;
  }
}
