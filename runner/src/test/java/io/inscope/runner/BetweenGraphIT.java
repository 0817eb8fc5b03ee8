package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * multi_worker_mirrored between graphs, as Kubeflow's TFJob runs it: a chief and one worker on
 * loopback, both running {@code runner.jar job.yaml} with TF_CONFIG (mode auto), each with one
 * replica, its own graph and its own half of the training examples (no example passes through
 * the chief). After 100 steps the chief's checkpoint equals one_device on the same global batches
 * within 1e-6 (relative), both tasks end with the same weights checksum, each says which share it
 * read, and the worker wrote nothing; a longer rerun resumes from the chief's checkpoint, which
 * reaches the new worker process through the chief. A worker frozen mid-run (SIGSTOP) ends the
 * chief's run with exit 69 within {@code cluster.step_timeout}, the last checkpoint kept. With a
 * streamed TFRecord split each task opens only its own files; with a streamed image split each
 * decodes only its own examples, to the weights of the split held in memory.
 */
class BetweenGraphIT {
  private static final int STEPS = 100;
  private static final Pattern WEIGHTS = Pattern.compile("weights (?:at step \\d+ )?([0-9a-f]{64})");

  @TempDir Path tmp;
  @RegisterExtension final StartedProcesses started = new StartedProcesses();

  @Test
  void chiefAndWorkerTrainTheirOwnSharesLikeOneDevice() throws Exception {
    int[] ports = Ports.free(2);
    Path job = CliHarness.syntheticJob(tmp, "cluster: {deadline: 60s}\n");
    // no shuffle: each task's batch is then every other row of one_device's batch
    String[] settings = {"--quiet", "--set", "train.steps=" + STEPS, "--set", "strategy.type=multi_worker_mirrored",
        "--set", "strategy.replicas=1", "--set", "data.train.shuffle=0"};
    Path workerRun = tmp.resolve("worker-run");
    JarProcess worker = start(tfConfig(ports, "worker", 0), join(new String[] {job.toString(), "--output", workerRun.toString()}, settings));
    Path twoRun = tmp.resolve("two");
    JarProcess chief = start(tfConfig(ports, "chief", 0), join(new String[] {job.toString(), "--output", twoRun.toString()}, settings))
        .finish(300);
    assertEquals(0, chief.exit, chief.output);
    worker.finish(60);
    assertEquals(0, worker.exit, worker.output);

    Path oneJob = CliHarness.syntheticJob(Files.createDirectory(tmp.resolve("one")), "");
    CliHarness.Run one = CliHarness.run("run", oneJob.toString(), "--output", tmp.resolve("one-run").toString(),
        "--quiet", "--set", "train.steps=" + STEPS, "--set", "data.train.shuffle=0");
    assertEquals(0, one.exit(), one.err());

    Path two = latest(twoRun);
    assertEquals(STEPS, Checkpoints.readState(two).step());
    Map<String, float[]> expected = CheckpointValues.read(latest(tmp.resolve("one-run")));
    Map<String, float[]> actual = CheckpointValues.read(two);
    assertEquals(expected.keySet(), actual.keySet());
    for (String name : expected.keySet()) {
      double err = CheckpointValues.relativeError(expected.get(name), actual.get(name));
      assertTrue(err < 1e-6, name + " between graphs (chief + worker) differs from one_device by " + err);
    }
    for (Map.Entry<String, List<String>> e : Checkpoints.readReplicaChecksums(two).entrySet()) {
      assertEquals(1, e.getValue().stream().distinct().count(), e.getKey() + ": the chief's replicas drifted apart " + e.getValue());
    }
    assertEquals(weights(chief.output), weights(worker.output), "the tasks' weights differ");

    assertTrue(chief.output.contains("task 0 of 2 reads 160 of 320 training examples (those whose index mod 2 is 0), 16 per step"),
        chief.output);
    assertTrue(worker.output.contains("TF_CONFIG names this process task 1 of 2 (between graphs)"), worker.output);
    assertTrue(worker.output.contains("task 1 of 2 reads 160 of 320 training examples (those whose index mod 2 is 1), 16 per step"),
        worker.output);
    assertTrue(worker.output.contains("this task trained " + STEPS + " step(s)"), worker.output);
    assertFalse(Files.exists(workerRun), "the worker wrote into its run directory");

    // a longer rerun: the chief restores its checkpoint and sends it; the new worker process has none
    settings[2] = "train.steps=" + (STEPS + 20);
    JarProcess worker2 = start(tfConfig(ports, "worker", 0), join(new String[] {job.toString(), "--output", workerRun.toString()}, settings));
    JarProcess chief2 = start(tfConfig(ports, "chief", 0), join(new String[] {job.toString(), "--output", twoRun.toString()}, settings))
        .finish(300);
    assertEquals(0, chief2.exit, chief2.output);
    worker2.finish(60);
    assertEquals(0, worker2.exit, worker2.output);
    // the chief resumed at step 100: the worker trained only the last 20 steps
    assertTrue(worker2.output.contains("this task trained 20 step(s)"), worker2.output);
    assertEquals(weights(chief2.output), weights(worker2.output), "the tasks' weights differ after the resume");
    assertEquals(STEPS + 20, Checkpoints.readState(latest(twoRun)).step());
    assertFalse(Files.exists(workerRun), "the worker wrote into its run directory");
  }

  @Test
  void aFrozenWorkerEndsTheChiefsRunWith69WithinTheStepTimeout() throws Exception {
    int timeout = 8;
    int[] ports = Ports.free(2);
    Path job = CliHarness.syntheticJob(tmp, "cluster: {deadline: 60s, step_timeout: " + timeout + "s}\n");
    String[] settings = {"--set", "train.steps=100000", "--set", "strategy.type=multi_worker_mirrored",
        "--set", "checkpoint.every_steps=50", "--set", "train.log_every_steps=50"};
    JarProcess worker = start(tfConfig(ports, "worker", 0),
        join(new String[] {job.toString(), "--output", tmp.resolve("worker-run").toString()}, settings));
    Path out = tmp.resolve("run");
    JarProcess chief = start(tfConfig(ports, "chief", 0), join(new String[] {job.toString(), "--output", out.toString()}, settings));
    long wait = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (!hasCheckpoint(out) && chief.process.isAlive() && System.nanoTime() < wait) {
      Thread.sleep(50);
    }
    assertTrue(chief.process.isAlive(), Files.readString(chief.log));
    Process kill = new ProcessBuilder("kill", "-STOP", Long.toString(worker.process.pid())).inheritIO().start();
    assertEquals(0, kill.waitFor());
    long t0 = System.nanoTime();
    chief.finish(120);
    double seconds = (System.nanoTime() - t0) / 1e9;
    assertEquals(ExitCodes.UNAVAILABLE, chief.exit, chief.output);
    assertTrue(chief.output.contains("cluster.step_timeout (" + timeout + "s)"), chief.output);
    assertTrue(seconds < timeout + 30, "took " + seconds + " s");
    assertTrue(Checkpoints.readState(latest(out)).step() >= 50);
  }

  /**
   * A streamed TFRecord split: each task opens only its files (file i to task i mod 2). The eval
   * split streams too ({@code cache: false}): the chief evaluates all of it, as {@code evaluate}
   * does on one device; the worker evaluates nothing.
   */
  @Test
  void streamedTasksReadOnlyTheirOwnFiles() throws Exception {
    List<org.tensorflow.proto.Example> all = StreamingTest.examples(160, 1);
    for (int f = 0; f < 4; f++) {
      TfRecords.write(tmp.resolve("train-" + f + ".tfrecord"), all.subList(40 * f, 40 * f + 40), false);
    }
    List<org.tensorflow.proto.Example> eval = StreamingTest.examples(45, 2);
    TfRecords.write(tmp.resolve("eval-0.tfrecord"), eval.subList(0, 30), false);
    TfRecords.write(tmp.resolve("eval-1.tfrecord"), eval.subList(30, 45), false);
    Path job = tmp.resolve("stream.yaml");
    Files.writeString(job, """
        version: 1
        name: stream
        seed: 3
        cluster: {deadline: 60s}
        strategy: {type: multi_worker_mirrored}
        model:
          input: {shape: [4]}
          layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train:
            tfrecord: {paths: [train-*], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y}
            cache: false
            shuffle: 32
            batch_size: 16
          eval:
            tfrecord: {paths: [eval-*], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y}
            cache: false
            batch_size: 20
        train: {steps: 20, eval_every: 10}
        checkpoint: {every_steps: 1000, keep: 2}
        tensorboard: {enabled: false}
        export: {saved_model: false}
        """);
    int[] ports = Ports.free(2);
    JarProcess worker = start(tfConfig(ports, "worker", 0), job.toString(), "--output", tmp.resolve("worker-run").toString());
    JarProcess chief = start(tfConfig(ports, "chief", 0), job.toString(), "--output", tmp.resolve("run").toString()).finish(300);
    assertEquals(0, chief.exit, chief.output);
    worker.finish(60);
    assertEquals(0, worker.exit, worker.output);
    String chiefShare = line(chief.output, "task 0 of 2 reads 2 file(s)");
    assertTrue(chiefShare.contains("train-0.tfrecord") && chiefShare.contains("train-2.tfrecord")
        && !chiefShare.contains("train-1") && !chiefShare.contains("train-3"), chiefShare);
    assertTrue(chiefShare.contains("80 training examples") && chiefShare.contains("8 examples per step"), chiefShare);
    String workerShare = line(worker.output, "task 1 of 2 reads 2 file(s)");
    assertTrue(workerShare.contains("train-1.tfrecord") && workerShare.contains("train-3.tfrecord")
        && !workerShare.contains("train-0") && !workerShare.contains("train-2"), workerShare);
    assertTrue(worker.output.contains("this task trained 20 step(s)"), worker.output);
    assertEquals(weights(chief.output), weights(worker.output), "the tasks' weights differ");
    assertFalse(Files.exists(tmp.resolve("worker-run")), "the worker wrote into its run directory");
    List<String> evals = Files.readAllLines(tmp.resolve("run").resolve("metrics.jsonl")).stream()
        .filter(l -> l.contains("\"split\":\"eval\"")).toList();
    assertEquals(2, evals.size(), evals.toString());
    CliHarness.Run evaluated = CliHarness.run("evaluate", tmp.resolve("run").toString(), "--json");
    assertEquals(0, evaluated.exit(), evaluated.err());
    assertTrue(evaluated.out().contains("\"examples\":45"), evaluated.out());
    com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
    com.fasterxml.jackson.databind.JsonNode last = json.readTree(evals.get(1));
    assertEquals(20, last.get("step").asLong());
    assertEquals(json.readTree(evaluated.out()).get("loss").asDouble(), last.get("loss").asDouble(), 0.0,
        "the chief's evaluation at step 20 is evaluate's, on one device, of the whole split");
  }

  /**
   * A streamed image split ({@code cache: false}) between graphs: each task keeps its examples of
   * the listing (index mod 2), as a split held in memory, and decodes only those; the chief ends
   * with the weights of the same job with the images decoded into memory, bit for bit.
   */
  @Test
  void streamedImageTasksTrainAsTheSplitInMemory() throws Exception {
    StreamedImagesTest.folder(tmp.resolve("train"), 10, 6);
    String weights = null;
    for (String cache : List.of("false", "true")) {
      Path job = tmp.resolve("images-" + cache + ".yaml");
      Files.writeString(job, """
          version: 1
          name: images
          seed: 3
          cluster: {deadline: 60s}
          strategy: {type: multi_worker_mirrored}
          model:
            input: {shape: [8, 8, 1]}
            layers: [flatten, {dense: {units: 8, activation: relu}}, {dense: {units: 3}}]
          loss: {sparse_categorical_crossentropy: {from_logits: true}}
          optimizer: {adam: {learning_rate: 0.01}}
          data:
            train:
              image_folder: {path: train, color_mode: grayscale, size: [8, 8]}
              cache: %s
              preprocessing: [{rescale: 1/255}, {random_flip: horizontal}]
              shuffle: 16
              batch_size: 8
          train: {steps: 12}
          checkpoint: {every_steps: 1000, keep: 2}
          tensorboard: {enabled: false}
          export: {saved_model: false}
          """.formatted(cache));
      int[] ports = Ports.free(2);
      JarProcess worker = start(tfConfig(ports, "worker", 0), job.toString(), "--output", tmp.resolve("worker-" + cache).toString());
      JarProcess chief = start(tfConfig(ports, "chief", 0), job.toString(), "--output", tmp.resolve("run-" + cache).toString())
          .finish(300);
      assertEquals(0, chief.exit, chief.output);
      worker.finish(60);
      assertEquals(0, worker.exit, worker.output);
      assertTrue(chief.output.contains("task 0 of 2 reads 15 of 30 training examples (those whose index mod 2 is 0), 4 per step"),
          chief.output);
      assertTrue(worker.output.contains("task 1 of 2 reads 15 of 30 training examples (those whose index mod 2 is 1), 4 per step"),
          worker.output);
      assertEquals(weights(chief.output), weights(worker.output), "the tasks' weights differ");
      if (weights != null) {
        assertEquals(weights, weights(chief.output), "streamed images between graphs against the split in memory");
      }
      weights = weights(chief.output);
    }
  }

  /**
   * mixed_float16 between graphs: each task scales its loss by the scale over every task's replicas
   * (TensorFlow's num_replicas_in_sync), so its float16 gradients overflow where a replica of the
   * same global batch in one process does. Inputs rescaled by 300 make the first steps overflow: the
   * chief's loss scale at every step equals an in-graph mirrored run's with 2 replicas, and both
   * tasks end with the same weights. (When each task scaled by its own replica count, 1, its
   * gradients were twice as large: the scale fell to 128 at step 9 where the in-graph run keeps 256.)
   */
  @Test
  void mixedFloat16BetweenGraphsScalesAsTwoReplicasInOneProcess() throws Exception {
    Path job = tmp.resolve("f16.yaml");
    Files.writeString(job, """
        version: 1
        name: f16
        seed: 5
        precision: mixed_float16
        cluster: {deadline: 60s}
        model:
          input: {shape: [6]}
          layers: [{dense: {units: 12, activation: relu}}, {dense: {units: 3}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train:
            synthetic: {examples: 160, classes: 3}
            shuffle: 0
            batch_size: 16
            preprocessing: [rescale: 300]
        train: {steps: 45, log_every_steps: 1}
        checkpoint: {every_steps: 1000, keep: 2}
        tensorboard: {enabled: false}
        export: {saved_model: false}
        """);
    int[] ports = Ports.free(2);
    String[] mode = {"--quiet", "--set", "strategy.type=multi_worker_mirrored"};
    JarProcess worker = start(tfConfig(ports, "worker", 0), join(new String[] {job.toString(), "--output", tmp.resolve("worker-run").toString()}, mode));
    JarProcess chief = start(tfConfig(ports, "chief", 0), join(new String[] {job.toString(), "--output", tmp.resolve("two").toString()}, mode))
        .finish(300);
    assertEquals(0, chief.exit, chief.output);
    worker.finish(60);
    assertEquals(0, worker.exit, worker.output);
    assertEquals(weights(chief.output), weights(worker.output), "the tasks' weights differ");

    CliHarness.Run mirrored = CliHarness.run("run", job.toString(), "--output", tmp.resolve("m2").toString(), "--quiet",
        "--set", "strategy.type=mirrored", "--set", "strategy.replicas=2");
    assertEquals(0, mirrored.exit(), mirrored.err());
    List<String> between = lossScales(tmp.resolve("two"));
    List<String> inGraph = lossScales(tmp.resolve("m2"));
    assertEquals(45, between.size(), between.toString());
    assertTrue(between.subList(0, 4).equals(List.of("32768.0", "16384.0", "8192.0", "4096.0")), "the first steps should overflow and halve the scale: " + between);
    assertEquals(inGraph, between, "loss scale per step, between graphs against 2 replicas in one process");
  }

  private static List<String> lossScales(Path runDir) throws IOException {
    Pattern scale = Pattern.compile("\"split\":\"train\".*\"loss_scale\":([0-9.eE+-]+)");
    List<String> out = new ArrayList<>();
    for (String l : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      Matcher m = scale.matcher(l);
      if (m.find()) {
        out.add(m.group(1));
      }
    }
    return out;
  }

  private static String line(String output, String start) {
    return output.lines().filter(l -> l.contains(start)).findFirst().orElseThrow(() -> new AssertionError(start + " in " + output));
  }

  private static String tfConfig(int[] ports, String type, int index) {
    return "{\"cluster\": {\"chief\": [\"127.0.0.1:" + ports[0] + "\"], \"worker\": [\"127.0.0.1:" + ports[1] + "\"]},"
        + " \"task\": {\"type\": \"" + type + "\", \"index\": " + index + "}, \"environment\": \"cloud\"}";
  }

  private static String weights(String output) {
    Matcher m = WEIGHTS.matcher(output);
    assertTrue(m.find(), output);
    return m.group(1);
  }

  private static String[] join(String[] a, String[] b) {
    List<String> all = new ArrayList<>(List.of(a));
    all.addAll(List.of(b));
    return all.toArray(String[]::new);
  }

  private static boolean hasCheckpoint(Path runDir) throws IOException {
    return Files.isDirectory(runDir.resolve("checkpoints"))
        && new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().isPresent();
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
