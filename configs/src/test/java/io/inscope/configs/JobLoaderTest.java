package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.inscope.configs.data.CsvSpec;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.IdxSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.configs.initializers.GlorotUniformSpec;
import io.inscope.configs.initializers.RandomNormalSpec;
import io.inscope.configs.initializers.ZerosSpec;
import io.inscope.configs.layers.DenseSpec;
import io.inscope.configs.layers.DropoutSpec;
import io.inscope.configs.layers.FlattenSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import io.inscope.configs.metrics.AccuracySpec;
import io.inscope.configs.optimizers.AdamSpec;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JobLoaderTest {
  @TempDir Path dir;

  /** The example of job-spec.md, with its data files next to the job. */
  static final String EXAMPLE = """
      version: 1
      name: fashion-mnist-mlp
      seed: 42
      cluster:
        tpu: grpc://${COLAB_TPU_ADDR:-10.0.0.2:8470}
      strategy:
        type: mirrored
        replicas: 4
      variables:
        - name: global_step
          shape: []
          dtype: int64
          initializer: zeros
          trainable: false
      model:
        input: {shape: [28, 28], dtype: float32}
        layers:
          - flatten
          - dense: {units: 128, activation: relu}
          - dropout: {rate: 0.2}
          - dense: {units: 10, kernel_initializer: {random_normal: {stddev: 0.01}}}
      loss: {sparse_categorical_crossentropy: {from_logits: true}}
      metrics: [accuracy]
      optimizer: {adam: {learning_rate: 0.001}}
      data:
        train:
          idx:
            images: data/train-images-idx3-ubyte.gz
            labels: data/train-labels-idx1-ubyte.gz
          scale: 0.00392156862745098
          shuffle: 10000
          batch_size: 32
        eval:
          idx:
            images: data/t10k-images-idx3-ubyte.gz
            labels: data/t10k-labels-idx1-ubyte.gz
          scale: 0.00392156862745098
          batch_size: 1000
      train:
        epochs: 10
        steps_per_execution: 1
        log_every_steps: 100
        eval_every: epoch
      checkpoint:
        every_steps: 1000
        keep: 3
      export:
        saved_model: true
      output: runs/${name}
      """;

  @Test
  void loadsTheSpecExampleWithEveryDefaultFilledIn() throws Exception {
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      Jobs.write(dir, "data/" + f, "idx");
    }
    Jobs.write(dir, "jobs/README", "");
    Jobs.write(dir, "job.yaml", EXAMPLE);
    LoadedJob job = new JobLoader(Map.of()).load(dir.resolve("jobs/../job.yaml"), List.of());

    String data = dir.resolve("data") + "/";
    JobSpec expected = new JobSpec(1, "fashion-mnist-mlp", 42,
        new ClusterSpec("grpc://10.0.0.2:8470", null, new TimeSpan(Duration.ofSeconds(60))),
        new StrategySpec(StrategyType.MIRRORED, 4),
        List.of(new VariableSpec("global_step", List.of(), DType.INT64, new ZerosSpec(), false)),
        new ModelSpec(new InputSpec(List.of(28, 28), DType.FLOAT32), List.of(
            new FlattenSpec(),
            new DenseSpec(128, Activation.RELU, true, new GlorotUniformSpec(), new ZerosSpec()),
            new DropoutSpec(0.2),
            new DenseSpec(10, Activation.LINEAR, true, new RandomNormalSpec(0.0, 0.01), new ZerosSpec()))),
        new SparseCategoricalCrossentropySpec(true),
        List.of(new AccuracySpec()),
        new AdamSpec(0.001, 0.9, 0.999, 1e-7),
        new DataSpec(
            new DataSplitSpec(new IdxSpec(data + "train-images-idx3-ubyte.gz", data + "train-labels-idx1-ubyte.gz"), 0.00392156862745098, 10000, 32),
            new DataSplitSpec(new IdxSpec(data + "t10k-images-idx3-ubyte.gz", data + "t10k-labels-idx1-ubyte.gz"), 0.00392156862745098, 0, 1000)),
        new TrainSpec(10, null, 1, 100, Every.EPOCH, null, new TimeSpan(Duration.ofSeconds(10)), ThreadsSpec.DEFAULT),
        new CheckpointSpec(null, Every.steps(1000), 3),
        new ExportSpec(true),
        TensorBoardSpec.DEFAULT,
        "runs/fashion-mnist-mlp",
        List.of());
    assertEquals(expected, job.spec());
    assertEquals(dir.resolve("job.yaml"), job.file());
  }

  @Test
  void theEnvironmentFillsInterpolations() throws Exception {
    String yaml = EXAMPLE.replace("data/t", dir.resolve("data").toString() + "/t");
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      Jobs.write(dir, "data/" + f, "idx");
    }
    JobSpec spec = new JobLoader(Map.of("COLAB_TPU_ADDR", "10.1.2.3:8470")).load(Jobs.write(dir, "job.yaml", yaml), List.of()).spec();
    assertEquals("grpc://10.1.2.3:8470", spec.cluster().tpu());
  }

  @Test
  void filePathsResolveAgainstTheFileThatWroteThem() throws Exception {
    Jobs.write(dir, "base/iris.csv", "a,b,species\n1,2,x\n");
    Jobs.write(dir, "jobs/iris.csv", "a,b,species\n1,2,x\n");
    Jobs.write(dir, "base/base.yaml", Jobs.TINY + "metrics: [accuracy]\n"
        .replace("metrics", "plugins: []\nmetrics"));
    Jobs.write(dir, "base/base-csv.yaml", "extends: base.yaml\ndata:\n  train: {csv: {path: iris.csv, label: species}, batch_size: 4}\n");
    Path child = Jobs.write(dir, "jobs/child.yaml", "extends: ../base/base-csv.yaml\nname: child\n");
    Path own = Jobs.write(dir, "jobs/own.yaml", "extends: ../base/base-csv.yaml\ndata: {train: {csv: {path: iris.csv}}}\n");

    assertEquals(dir.resolve("base/iris.csv").toString(), csv(Jobs.load(child)).path());
    assertEquals(dir.resolve("jobs/iris.csv").toString(), csv(Jobs.load(own)).path());
  }

  @Test
  void globsExpandToTheSortedMatchingFiles() throws Exception {
    Jobs.write(dir, "data/train-2.tfrecord", "");
    Jobs.write(dir, "data/train-1.tfrecord", "");
    Jobs.write(dir, "data/eval-1.tfrecord", "");
    String yaml = Jobs.TINY.replace("train: {synthetic: {examples: 64, classes: 3}, batch_size: 8}", """
        train:
            tfrecord:
              paths: [data/train-*.tfrecord, "data/eval-?.tfrecord"]
              features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}
              label: y
            batch_size: 8""".indent(2).stripTrailing());
    TfrecordSpec source = (TfrecordSpec) Jobs.load(Jobs.write(dir, "job.yaml", yaml)).data().train().source();
    String data = dir.resolve("data") + "/";
    assertEquals(List.of(data + "train-1.tfrecord", data + "train-2.tfrecord", data + "eval-1.tfrecord"), source.paths());
    assertEquals(List.of("x", "y"), List.copyOf(source.features().keySet()));
  }

  @Test
  void nullLeavesAKeyUnset() throws Exception {
    JobSpec spec = Jobs.load(Map.of(), Jobs.TINY + "cluster:\n  # tpu: local\nseed: null\nmetrics: ~\n");
    assertEquals(new ClusterSpec(null, null, new TimeSpan(Duration.ofSeconds(60))), spec.cluster());
    assertEquals(42, spec.seed());
    assertEquals(List.of(), spec.metrics());
  }

  @Test
  void theTensorboardSectionBinds() throws Exception {
    JobSpec spec = Jobs.load(Map.of(), Jobs.TINY + "tensorboard: {histograms_every_steps: 0, flush_every: 2s}\n");
    assertEquals(new TensorBoardSpec(true, 0, new TimeSpan(Duration.ofSeconds(2))), spec.tensorboard());
    assertFalse(Jobs.load(Map.of(), Jobs.TINY + "tensorboard: {enabled: false}\n").tensorboard().enabled());
  }

  @Test
  void aMissingJobFileIsAnError() {
    JobFileException e = assertThrows(JobFileException.class, () -> Jobs.load(dir.resolve("nope.yaml")));
    assertEquals(dir.resolve("nope.yaml") + ": no such file", e.errors().get(0).format());
    assertEquals(1, e.errors().size());
  }

  private static CsvSpec csv(JobSpec spec) {
    return (CsvSpec) spec.data().train().source();
  }

  /**
   * SnakeYAML 2.3 failed (IndexOutOfBoundsException in StreamReader.update) when a character
   * outside the BMP straddled its 1024-character read buffer; the loader reads 2.7 now. Every
   * position of the surrogate pair around the first two buffer ends is tried, in a trailing comment
   * and in a value, from a file as check reads it.
   */
  @Test
  void aCharacterOutsideTheBmpAcrossTheReadBufferLoads() throws Exception {
    for (int boundary : new int[] {1024, 2048}) {
      for (int at = boundary - 4; at <= boundary + 2; at++) {
        String comment = emojiAt(at, "# ");
        assertEquals("tiny", Jobs.load(Jobs.write(dir, "comment-" + at + ".yaml", comment)).name());
        String value = emojiAt(at, "output: runs/");
        assertEquals("runs/" + EMOJI.repeat(3), Jobs.load(Jobs.write(dir, "value-" + at + ".yaml", value)).output());
      }
    }
  }

  private static final String EMOJI = "\ud83d\ude00";

  /** TINY, a padding comment, then {@code line} and three emoji, the first one's high surrogate at character {@code at}. */
  private static String emojiAt(int at, String line) {
    String text = Jobs.TINY + "#" + "x".repeat(at - Jobs.TINY.length() - line.length() - 2) + "\n" + line + EMOJI.repeat(3) + "\n";
    assertEquals(EMOJI, text.substring(at, at + 2));
    return text;
  }
}
