package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;

/** Eval splits streamed from TFRecord files ({@code data.eval.cache: false}), end to end. */
class StreamedEvalTest {

  @TempDir Path tmp;

  /**
   * Three eval files (one gzip) of 23, 31 and 9 examples in batches of 10, with the training
   * split's normalize step: every evaluation of the run (steps 10, 20, 30) and {@code evaluate},
   * on the eval split and on {@code --data} files, report what the split held in memory reports,
   * bit for bit; the training is the same.
   */
  @Test
  void aStreamedEvalSplitReportsWhatTheSplitInMemoryReports() throws Exception {
    evalFiles(List.of());
    Path streamed = tmp.resolve("streamed");
    Path cached = tmp.resolve("cached");
    CliHarness.Run s = run(job("false"), streamed, "train.steps=30");
    assertEquals(0, s.exit(), s.err());
    CliHarness.Run c = run(job("true"), cached, "train.steps=30");
    assertEquals(0, c.exit(), c.err());
    List<ObjectNode> evals = RunOutputs.evalLines(streamed);
    assertEquals(List.of(10L, 20L, 30L), evals.stream().map(e -> e.get("step").asLong()).toList());
    assertEquals(RunOutputs.evalLines(cached), evals);
    assertEquals(CheckpointReader.read(latest(cached)), CheckpointReader.read(latest(streamed)));

    assertEquals(RunOutputs.evaluate(cached), RunOutputs.evaluate(streamed));
    ObjectNode onData = RunOutputs.evaluate(streamed, "--data", tmp.resolve("eval-1.tfrecord.gz").toString());
    assertEquals(31, onData.get("examples").asInt());
    assertEquals(RunOutputs.evaluate(cached, "--data", tmp.resolve("eval-1.tfrecord.gz").toString()), onData);
  }

  /**
   * Streamed training and a streamed eval split: a run stopped at step 25, in its second epoch,
   * and resumed to step 45 ends with the uninterrupted run's weights and evaluations (10, 20, 30, 40, 45).
   */
  @Test
  void aRunWithAStreamedEvalSplitResumesBitExact() throws Exception {
    evalFiles(List.of());
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    Path job = job("false");
    assertEquals(0, run(job, whole, "train.steps=45").exit());
    assertEquals(0, run(job, split, "train.steps=25").exit());
    CliHarness.Run resumed = run(job, split, "train.steps=45");
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(CheckpointReader.read(latest(whole)), CheckpointReader.read(latest(split)));
    // the run of 25 steps ended with an evaluation of its own at step 25
    assertEquals(RunOutputs.evalLines(whole), lastPerStep(RunOutputs.evalLines(split)).stream().filter(l -> l.get("step").asLong() != 25).toList());
  }

  /**
   * A bad label in the second eval file stops the run at the first evaluation (step 10), exit 2,
   * naming the file and the record, after a checkpoint of the 10 steps trained; once the file is
   * fixed the run resumes there, evaluates at step 10 first, and ends as a run that never failed.
   */
  @Test
  void aBadEvalRecordExits2KeepingTheTrainingDoneAndTheFixedRunResumesBitExact() throws Exception {
    evalFiles(List.of(5));
    Path job = job("false");
    Path runDir = tmp.resolve("bad");
    CliHarness.Run bad = run(job, runDir, "train.steps=30");
    assertEquals(ExitCodes.USAGE, bad.exit(), bad.err());
    assertTrue(bad.err().contains("data.eval.tfrecord: " + tmp.resolve("eval-1.tfrecord.gz")
        + ": record 5 (counting from 0): feature 'y': label 7 is out of range"), bad.err());
    Path kept = latest(runDir);
    assertEquals(10, Checkpoints.readState(kept).step());
    assertTrue(Checkpoints.readState(kept).evaluationPending());

    evalFiles(List.of());
    CliHarness.Run fixed = run(job, runDir, "train.steps=30");
    assertEquals(0, fixed.exit(), fixed.err());
    Path whole = tmp.resolve("whole");
    assertEquals(0, run(job, whole, "train.steps=30").exit());
    assertEquals(CheckpointReader.read(latest(whole)), CheckpointReader.read(latest(runDir)));
    assertEquals(RunOutputs.evalLines(whole), RunOutputs.evalLines(runDir));
  }

  /**
   * {@code evaluate} on a job without {@code data.eval} whose training split streams reads that
   * split streamed, in file order, with its steps that are not random: the figures of the same
   * job with the split held in memory (one file, one reader: the same training too).
   */
  @Test
  void evaluateStreamsTheTrainingSplitOfAJobWithoutEval() throws Exception {
    TfRecords.write(tmp.resolve("train-0.tfrecord"), StreamingTest.examples(75, 4), false);
    Path streamed = tmp.resolve("streamed");
    Path cached = tmp.resolve("cached");
    assertEquals(0, run(trainOnly("false"), streamed, "train.steps=8").exit());
    assertEquals(0, run(trainOnly("true"), cached, "train.steps=8").exit());
    ObjectNode fromStream = RunOutputs.evaluate(streamed);
    assertEquals("data.train", fromStream.get("data").asText());
    assertEquals(75, fromStream.get("examples").asInt());
    assertEquals(RunOutputs.evaluate(cached), fromStream);
  }

  private Path trainOnly(String cache) throws Exception {
    Path job = tmp.resolve("train-only-" + cache + ".yaml");
    Files.writeString(job, """
        version: 1
        name: trainonly
        seed: 3
        model:
          input: {shape: [4]}
          layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train:
            tfrecord: {paths: [train-0.tfrecord], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y, num_parallel_reads: 1}
            cache: %s
            preprocessing: [{normalize: {mean: 0.25, std: 1.5}}, {random_brightness: {factor: 0.2, value_range: [-5, 5]}}]
            shuffle: 20
            batch_size: 16
        train: {steps: 8}
        checkpoint: {every_steps: 1000, keep: 2}
        tensorboard: {enabled: false}
        """.formatted(cache));
    return job;
  }

  /** Eval files of 23, 31 (gzip) and 9 examples; {@code badInSecond} lists records of the second file given label 7. */
  private void evalFiles(List<Integer> badInSecond) throws Exception {
    TfRecords.write(tmp.resolve("train-0.tfrecord"), StreamingTest.examples(96, 1).subList(0, 40), false);
    TfRecords.write(tmp.resolve("train-1.tfrecord"), StreamingTest.examples(96, 1).subList(40, 96), false);
    List<Example> eval = StreamingTest.examples(63, 2);
    TfRecords.write(tmp.resolve("eval-0.tfrecord"), eval.subList(0, 23), false);
    List<Example> second = new ArrayList<>(eval.subList(23, 54));
    for (int bad : badInSecond) {
      Example.Builder b = second.get(bad).toBuilder();
      b.getFeaturesBuilder().putFeature("y", org.tensorflow.proto.Feature.newBuilder()
          .setInt64List(org.tensorflow.proto.Int64List.newBuilder().addValue(7)).build());
      second.set(bad, b.build());
    }
    TfRecords.write(tmp.resolve("eval-1.tfrecord.gz"), second, true);
    TfRecords.write(tmp.resolve("eval-2.tfrecord"), eval.subList(54, 63), false);
  }

  private Path job(String evalCache) throws Exception {
    Path job = tmp.resolve("job-" + evalCache + ".yaml");
    Files.writeString(job, """
        version: 1
        name: evalstream
        seed: 3
        model:
          input: {shape: [4]}
          layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train:
            tfrecord: {paths: [train-*.tfrecord], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y, num_parallel_reads: 2}
            cache: false
            preprocessing: [{normalize: {mean: 0.25, std: 1.5}}]
            shuffle: 32
            batch_size: 16
          eval:
            tfrecord: {paths: [eval-*.tfrecord, eval-*.gz], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y}
            cache: %s
            batch_size: 10
        train: {steps: 10, eval_every: 10}
        checkpoint: {every_steps: 1000, keep: 2}
        tensorboard: {enabled: false}
        """.formatted(evalCache));
    return job;
  }

  private static CliHarness.Run run(Path job, Path out, String steps) {
    return CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", steps);
  }

  /** A resumed run appends: the last line of each step, in step order. */
  private static List<ObjectNode> lastPerStep(List<ObjectNode> lines) {
    java.util.TreeMap<Long, ObjectNode> last = new java.util.TreeMap<>();
    lines.forEach(l -> last.put(l.get("step").asLong(), l));
    return List.copyOf(last.values());
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }
}
