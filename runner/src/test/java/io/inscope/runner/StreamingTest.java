package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/** Training splits streamed from sharded TFRecord files ({@code cache: false}). */
class StreamingTest {
  @TempDir Path tmp;

  /**
   * Four shards (one gzip) read by three readers through a 64-example buffer: a run stopped at
   * step 25, in the middle of its second epoch (18 steps each), and resumed to step 45 ends with
   * exactly the weights and optimizer state of an uninterrupted run.
   */
  @Test
  void aStreamedRunStoppedMidEpochResumesBitExact() throws Exception {
    List<Example> all = examples(300, 1);
    TfRecords.write(tmp.resolve("train-0.tfrecord"), all.subList(0, 90), false);
    TfRecords.write(tmp.resolve("train-1.tfrecord.gz"), all.subList(90, 160), true);
    TfRecords.write(tmp.resolve("train-2.tfrecord"), all.subList(160, 170), false);
    TfRecords.write(tmp.resolve("train-3.tfrecord"), all.subList(170, 300), false);
    Path job = job("train-*", "cache: false", "num_parallel_reads: 3");
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    CliHarness.Run w = run(job, whole, "train.steps=45");
    assertEquals(0, w.exit(), w.err());
    assertEquals(0, run(job, split, "train.steps=25").exit());
    CliHarness.Run resumed = run(job, split, "train.steps=45");
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(CheckpointReader.read(latest(whole)), CheckpointReader.read(latest(split)));
  }

  /** One file, one reader: streaming draws the batches the in-memory split draws, so the weights are equal. */
  @Test
  void oneStreamedFileTrainsExactlyAsTheSplitInMemory() throws Exception {
    TfRecords.write(tmp.resolve("train-0.tfrecord"), examples(200, 2), false);
    Path streamed = tmp.resolve("streamed");
    Path cached = tmp.resolve("cached");
    assertEquals(0, run(job("train-0.tfrecord", "cache: false", "num_parallel_reads: 1"), streamed, "train.steps=30").exit());
    assertEquals(0, run(job("train-0.tfrecord", "cache: true", "num_parallel_reads: 1"), cached, "train.steps=30").exit());
    assertEquals(CheckpointReader.read(latest(cached)), CheckpointReader.read(latest(streamed)));
  }

  /** A streamed split is not read before training: a bad label stops the run when read, exit 2, naming file and record. */
  @Test
  void aBadLabelInAStreamedFileExits2NamingTheRecord() throws Exception {
    List<Example> examples = new ArrayList<>(examples(100, 3));
    examples.set(70, example(new float[] {1, 2, 3, 4}, 7));
    TfRecords.write(tmp.resolve("train-0.tfrecord"), examples, false);
    CliHarness.Run run = run(job("train-0.tfrecord", "cache: false", "num_parallel_reads: 2"), tmp.resolve("bad"), "train.steps=20");
    assertEquals(ExitCodes.USAGE, run.exit(), run.err());
    assertTrue(run.err().contains("data.train.tfrecord: " + tmp.resolve("train-0.tfrecord")
        + ": record 70 (counting from 0): feature 'y': label 7 is out of range"), run.err());
  }

  private Path job(String files, String cache, String readers) throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, """
        version: 1
        name: stream
        seed: 3
        model:
          input: {shape: [4]}
          layers: [{dense: {units: 8, activation: relu}}, {dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train:
            tfrecord: {paths: [%s], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y, %s}
            %s
            shuffle: 64
            batch_size: 16
        train: {steps: 10}
        checkpoint: {every_steps: 1000, keep: 2}
        tensorboard: {enabled: false}
        """.formatted(files, readers, cache));
    return job;
  }

  private static CliHarness.Run run(Path job, Path out, String steps) {
    return CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", steps);
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }

  /** Two classes: x ~ N(±1, 1) in every coordinate, y the class. */
  static List<Example> examples(int n, long seed) {
    Random random = new Random(seed);
    List<Example> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int y = i % 2;
      float[] x = new float[4];
      for (int j = 0; j < 4; j++) {
        x[j] = (float) (random.nextGaussian() + (y == 0 ? -1 : 1));
      }
      list.add(example(x, y));
    }
    return list;
  }

  private static Example example(float[] x, long y) {
    FloatList.Builder xs = FloatList.newBuilder();
    for (float v : x) {
      xs.addValue(v);
    }
    return Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("x", Feature.newBuilder().setFloatList(xs).build())
        .putFeature("y", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(y)).build())).build();
  }
}
