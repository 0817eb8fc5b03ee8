package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inscope.modules.checkpoint.CheckpointState;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The packaged runner.jar, run as users run it. */
class RunnerJarIT {
  private static final Path EXAMPLES = Path.of("..", "examples");
  @TempDir Path tmp;

  @Test
  void irisTrainsToHighAccuracyAndExportsASavedModel() throws Exception {
    Path out = tmp.resolve("iris");
    JarProcess p = start("run", EXAMPLES.resolve("iris.yaml").toString(), "--output", out.toString()).finish(300);
    assertEquals(0, p.exit, p.output);
    assertTrue(p.output.contains("done: iris, 600 steps"), p.output);
    JsonNode lastEval = null;
    for (String line : Files.readAllLines(out.resolve("metrics.jsonl"))) {
      JsonNode n = new ObjectMapper().readTree(line);
      if (n.get("split").asText().equals("eval")) {
        lastEval = n;
      }
    }
    assertTrue(lastEval != null && lastEval.get("accuracy").asDouble() >= 0.9, String.valueOf(lastEval));
    assertTrue(Files.exists(out.resolve("export/saved_model/600/saved_model.pb")));
    assertTrue(Files.exists(out.resolve("provenance.json")));
    assertTrue(Files.exists(out.resolve("job.resolved.yaml")));
  }

  @Test
  void everyExampleJobPassesCheck() throws Exception {
    List<Path> jobs;
    try (Stream<Path> s = Files.list(EXAMPLES)) {
      jobs = s.filter(f -> f.toString().endsWith(".yaml")).sorted().toList();
    }
    assertFalse(jobs.isEmpty());
    for (Path job : jobs) {
      if (Files.readString(job).contains("/usr/share/datasets/fashion-mnist") && !Files.isDirectory(Path.of("/usr/share/datasets/fashion-mnist"))) {
        continue; // needs apt-get install dataset-fashion-mnist; its parse is covered by configs' tests
      }
      JarProcess p = start("check", job.toString()).finish(60);
      assertEquals(0, p.exit, job + ": " + p.output);
      assertEquals("", p.output, "check prints nothing for a valid job");
    }
  }

  @Test
  void sigtermWritesACheckpointExits75AndTheRerunEndsLikeAnUninterruptedRun() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    String longer = "train.steps=4000";
    Path whole = tmp.resolve("whole");
    JarProcess full = start("run", job.toString(), "--output", whole.toString(), "--quiet", "--set", longer).finish(300);
    assertEquals(0, full.exit, full.output);

    Path cut = tmp.resolve("cut");
    JarProcess p = start("run", job.toString(), "--output", cut.toString(), "--set", longer, "--set", "train.log_every_steps=100");
    Path metrics = cut.resolve("metrics.jsonl");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!(Files.exists(metrics) && Files.size(metrics) > 0) && System.nanoTime() < deadline) {
      Thread.sleep(20);
    }
    p.process.destroy(); // SIGTERM
    p.finish(60);
    assertEquals(ExitCodes.INTERRUPTED, p.exit, p.output);
    long stoppedAt = Checkpoints.readState(latest(cut)).step();
    assertTrue(stoppedAt > 0 && stoppedAt < 4000, "stopped at " + stoppedAt);

    JarProcess rerun = start("run", job.toString(), "--output", cut.toString(), "--set", longer).finish(300);
    assertEquals(0, rerun.exit, rerun.output);
    assertTrue(rerun.output.contains("(step " + stoppedAt + ")"), rerun.output);
    assertEquals(CheckpointReader.read(latest(whole)), CheckpointReader.read(latest(cut)));
  }

  @Test
  void eventsReachTheDiskWhileTrainingRunsAndSurviveAKill() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "tensorboard: {flush_every: 200ms, histograms_every_steps: 0}\n");
    Path out = tmp.resolve("killed");
    JarProcess p = start("run", job.toString(), "--output", out.toString(), "--quiet",
        "--set", "train.steps=1000000", "--set", "train.log_every_steps=50");
    Path dir = out.resolve("tensorboard").resolve("train");
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    long seen = 0;
    while (seen < 3 && System.nanoTime() < deadline && p.process.isAlive()) {
      Thread.sleep(50);
      seen = Files.isDirectory(dir) && !EventFiles.in(dir).isEmpty() ? lossSteps(EventFiles.in(dir).get(0)).size() : 0;
    }
    assertTrue(seen >= 3, "loss events on disk while the run goes on: " + seen);
    p.process.destroyForcibly(); // SIGKILL: nothing runs after it, no close, no flush
    p.finish(60);
    List<Long> steps = lossSteps(EventFiles.in(dir).get(0));
    assertTrue(steps.size() >= seen, steps.toString());
    for (int i = 0; i < steps.size(); i++) {
      assertEquals(50L * (i + 1), steps.get(i));
    }
  }

  private static List<Long> lossSteps(Path eventFile) throws IOException {
    return EventFiles.read(eventFile, true).stream()
        .filter(e -> e.getSummary().getValueList().stream().anyMatch(v -> v.getTag().equals("loss")))
        .map(org.tensorflow.proto.Event::getStep).toList();
  }

  @Test
  void killedWithSigkillAtTenPointsAndRerunEachTimeEndsLikeAnUninterruptedRun() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    List<String> sets = List.of("--set", "train.steps=600", "--set", "train.log_every_steps=5", "--set", "checkpoint.every_steps=3");
    Path whole = tmp.resolve("whole");
    JarProcess full = start(args(List.of("run", job.toString(), "--output", whole.toString(), "--quiet"), sets)).finish(300);
    assertEquals(0, full.exit, full.output);

    Path cut = tmp.resolve("cut");
    Path metrics = cut.resolve("metrics.jsonl");
    String[] again = args(List.of("run", job.toString(), "--output", cut.toString()), sets);
    java.util.Random random = new java.util.Random(9);
    long reached = -1;
    StringBuilder points = new StringBuilder();
    for (int round = 0; round < 10; round++) {
      long before = lines(metrics);
      JarProcess p = start(again);
      // rounds 0 and 1 die while the JVM starts and while the graph is built; the rest while
      // training, between and during checkpoint writes (every 3 steps, most of the time spent)
      if (round < 2) {
        Thread.sleep(round == 0 ? 300 : 1200);
      } else {
        long target = before + 1 + random.nextInt(8);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (lines(metrics) < target && p.process.isAlive() && System.nanoTime() < deadline) {
          Thread.sleep(2);
        }
        Thread.sleep(random.nextInt(12));
      }
      assertTrue(p.process.isAlive(), "round " + round + " ended before it was killed: " + Files.readString(p.log));
      p.process.destroyForcibly(); // SIGKILL
      p.finish(60);
      assertEquals(137, p.exit, p.output);
      Optional<Path> latest = Files.isDirectory(cut.resolve("checkpoints"))
          ? new Checkpoints(cut.resolve("checkpoints"), 100, w -> {}).latest() : Optional.empty();
      long step = latest.isPresent() ? Checkpoints.readState(latest.get()).step() : -1;
      assertTrue(step >= reached, "round " + round + ": the latest checkpoint went back from step " + reached + " to " + step);
      reached = step;
      assertStateNamesCompleteCheckpoints(cut.resolve("checkpoints"), round);
      long unfinished = 0;
      if (Files.isDirectory(cut.resolve("checkpoints"))) {
        try (Stream<Path> d = Files.list(cut.resolve("checkpoints"))) {
          unfinished = d.filter(f -> f.getFileName().toString().startsWith(".tmp-")).count();
        }
      }
      points.append(String.format("round %d: killed after %d metrics lines; latest complete checkpoint step %d; %d checkpoint write(s) cut short%n",
          round, lines(metrics), step, unfinished));
    }
    System.out.print(points);
    assertTrue(reached > 0 && reached < 600, "the kills must land while training: " + points);
    assertTrue(Files.exists(cut.resolve(".lock")), "a killed run leaves its .lock; the rerun takes it over");

    JarProcess last = start(again).finish(300);
    assertEquals(0, last.exit, last.output);
    assertTrue(last.output.contains("took over"), last.output);
    assertEquals(CheckpointReader.read(latest(whole)), CheckpointReader.read(latest(cut)));
    assertEquals(600, Checkpoints.readState(latest(cut)).step());
    for (String line : Files.readAllLines(metrics)) {
      new ObjectMapper().readTree(line); // no line cut short by a kill is left behind
    }
  }

  /**
   * Whenever a kill lands, the {@code checkpoint} state file (if written yet) names only
   * checkpoints that are complete and still there: it is written after a checkpoint is in place,
   * and old checkpoints are deleted only after it stops naming them.
   */
  private static void assertStateNamesCompleteCheckpoints(Path dir, int round) throws IOException {
    Optional<CheckpointState> state = Files.isDirectory(dir) ? CheckpointState.read(dir) : Optional.empty();
    if (state.isEmpty()) {
      return;
    }
    for (String prefix : state.get().all()) {
      assertTrue(Files.exists(dir.resolve(prefix + ".index")), "round " + round + ": " + prefix);
      assertTrue(Files.exists(dir.resolve(prefix).resolveSibling("MANIFEST.json")), "round " + round + ": " + prefix);
    }
  }

  private static long lines(Path file) throws IOException {
    if (!Files.exists(file)) {
      return 0;
    }
    long n = 0;
    for (byte b : Files.readAllBytes(file)) {
      n += b == '\n' ? 1 : 0;
    }
    return n;
  }

  private static String[] args(List<String> first, List<String> more) {
    List<String> all = new ArrayList<>(first);
    all.addAll(more);
    return all.toArray(String[]::new);
  }

  private static Path latest(Path runDir) throws IOException {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }

  private JarProcess start(String... args) throws IOException {
    return JarProcess.start(tmp, args);
  }
}
