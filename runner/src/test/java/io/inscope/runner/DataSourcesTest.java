package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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

/** Jobs on the data sources of issue 15, through {@code check} and {@code run}. */
class DataSourcesTest {
  private static final Path EXAMPLES = Path.of("..", "examples");

  @TempDir Path tmp;

  @Test
  void gzipTfrecordJobPassesCheckAndRuns() throws Exception {
    TfRecords.write(tmp.resolve("train.tfrecord.gz"), examples(256, 1), true);
    Path job = tfrecordJob("train.tfrecord.gz", "");
    CliHarness.Run check = CliHarness.run("check", job.toString());
    assertEquals(0, check.exit(), check.err());
    CliHarness.Run run = CliHarness.run("run", job.toString(), "--output", tmp.resolve("out").toString(), "--quiet");
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.readString(tmp.resolve("out/job.resolved.yaml")).contains("compression: gzip"));
  }

  @Test
  void tfrecordReadWithTheWrongCompressionExits2BeforeTraining() throws Exception {
    TfRecords.write(tmp.resolve("train.tfrecord"), examples(256, 1), true);
    Path job = tfrecordJob("train.tfrecord", "");
    CliHarness.Run run = CliHarness.run("run", job.toString(), "--output", tmp.resolve("out").toString());
    assertEquals(ExitCodes.USAGE, run.exit(), run.err());
    assertTrue(run.err().contains("data.train.tfrecord.compression: " + tmp.resolve("train.tfrecord")
        + ": read as none but its bytes look like gzip (they start 1f 8b 08 00); set compression: gzip"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertFalse(Files.exists(tmp.resolve("out/checkpoints")), "no training step ran");
  }

  @Test
  void shapesFolderExampleRunsAsItIsAndSavesItsClasses() throws Exception {
    Path out = tmp.resolve("shapes");
    CliHarness.Run run = CliHarness.run("run", EXAMPLES.resolve("shapes-folder.yaml").toString(), "--output", out.toString(),
        "--quiet", "--set", "train.epochs=2");
    assertEquals(0, run.exit(), run.err());
    assertEquals("circle\nsquare\ntriangle\n", Files.readString(out.resolve("classes.txt")));
  }

  @Test
  void shapesTfrecordExamplePassesCheckAndRunsAsItIs() throws Exception {
    Path job = EXAMPLES.resolve("shapes-tfrecord.yaml");
    CliHarness.Run check = CliHarness.run("check", job.toString());
    assertEquals(0, check.exit(), check.err());
    Path out = tmp.resolve("records");
    CliHarness.Run run = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.epochs=2");
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.readString(out.resolve("job.resolved.yaml")).contains("compression: gzip"));
  }

  /**
   * The streamed variant (cache: false, both splits) runs as it is and ends with the cached
   * example's weights and evaluations: one file, one reader; the eval file in file order.
   */
  @Test
  void shapesTfrecordStreamedExampleRunsAsItIsToTheCachedExamplesWeights() throws Exception {
    Path streamed = tmp.resolve("streamed");
    CliHarness.Run run = CliHarness.run("run", EXAMPLES.resolve("shapes-tfrecord-streamed.yaml").toString(), "--output",
        streamed.toString(), "--quiet", "--set", "train.epochs=1", "--set", "export.saved_model=false");
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.readString(streamed.resolve("job.resolved.yaml")).contains("cache: false"));
    Path cached = tmp.resolve("cached");
    run = CliHarness.run("run", EXAMPLES.resolve("shapes-tfrecord.yaml").toString(), "--output", cached.toString(), "--quiet",
        "--set", "train.epochs=1", "--set", "export.saved_model=false");
    assertEquals(0, run.exit(), run.err());
    assertEquals(CheckpointReader.read(latest(cached)), CheckpointReader.read(latest(streamed)));
    assertFalse(evalLines(streamed).isEmpty());
    assertEquals(evalLines(cached), evalLines(streamed));
  }

  /**
   * The streamed image-folder variant (cache: false, both splits) runs as it is and ends with the
   * cached example's weights and evaluations.
   */
  @Test
  void shapesFolderStreamedExampleRunsAsItIsToTheCachedExamplesWeights() throws Exception {
    Path streamed = tmp.resolve("streamed");
    CliHarness.Run run = CliHarness.run("run", EXAMPLES.resolve("shapes-folder-streamed.yaml").toString(), "--output",
        streamed.toString(), "--quiet", "--set", "train.epochs=1", "--set", "export.saved_model=false");
    assertEquals(0, run.exit(), run.err());
    assertTrue(Files.readString(streamed.resolve("job.resolved.yaml")).contains("cache: false"));
    Path cached = tmp.resolve("cached");
    run = CliHarness.run("run", EXAMPLES.resolve("shapes-folder.yaml").toString(), "--output", cached.toString(), "--quiet",
        "--set", "train.epochs=1", "--set", "export.saved_model=false");
    assertEquals(0, run.exit(), run.err());
    assertEquals(CheckpointReader.read(latest(cached)), CheckpointReader.read(latest(streamed)));
    assertFalse(evalLines(streamed).isEmpty());
    assertEquals(evalLines(cached), evalLines(streamed));
  }

  /** The eval lines of a run's metrics.jsonl, less their timing. */
  private static List<String> evalLines(Path runDir) throws Exception {
    return Files.readAllLines(runDir.resolve("metrics.jsonl")).stream().filter(l -> l.contains("\"split\":\"eval\""))
        .map(l -> l.replaceAll(",\"examples_per_sec\":[^,}]*", "").replaceAll(",\"time\":\"[^\"]*\"", "")).toList();
  }

  @Test
  void reviewsTextExampleRunsAsItIsAndKeepsItsVocabulary() throws Exception {
    Path job = EXAMPLES.resolve("reviews-text.yaml");
    Path out = tmp.resolve("reviews");
    CliHarness.Run run = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.epochs=2",
        "--set", "export.saved_model=true");
    assertEquals(0, run.exit(), run.err());
    List<String> vocabulary = Files.readAllLines(out.resolve("vocabulary.txt"));
    assertEquals(64, vocabulary.size());
    assertEquals(List.of("", "[UNK]", "the", "a"), vocabulary.subList(0, 4), "Keras' order (modules' VocabularyTest checks it all)");
    assertEquals("negative\npositive\n", Files.readString(out.resolve("classes.txt")));
    assertTrue(Files.isDirectory(out.resolve("export/saved_model")));
    // resumed with a changed vocabulary file: the saved one is used, not a new one learned from the data
    Files.writeString(out.resolve("vocabulary.txt"), "\n[UNK]\nzebra\n");
    CliHarness.Run more = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", "train.epochs=3");
    assertEquals(0, more.exit(), more.err());
    assertEquals("\n[UNK]\nzebra\n", Files.readString(out.resolve("vocabulary.txt")));
  }

  /** examples/data/shapes* are what tools/ShapesDataset.java writes, byte for byte. */
  @Test
  void shapesDataIsWhatItsToolWrites() throws Exception {
    Path javaBin = Path.of(System.getProperty("java.home"), "bin", "java");
    Process p = new ProcessBuilder(javaBin.toString(), "../tools/ShapesDataset.java", tmp.toString()).inheritIO().start();
    assertEquals(0, p.waitFor());
    List<Path> written;
    try (var walk = Files.walk(tmp)) {
      written = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertEquals(2 + 330, written.size());
    for (Path file : written) {
      Path shipped = EXAMPLES.resolve("data").resolve(tmp.relativize(file).toString());
      assertTrue(java.util.Arrays.equals(Files.readAllBytes(file), Files.readAllBytes(shipped)), shipped + " differs from the tool's output");
    }
  }

  /**
   * Bad files stop {@code run} with exit 2 before the first step, naming the folder, file or row:
   * a class folder without images, a file that is not an image, a text row without text.
   */
  @Test
  void badImagesAndTextExit2BeforeTrainingNamingTheFileOrRow() throws Exception {
    Path root = tmp.resolve("images");
    png(root.resolve("a/1.png"));
    png(root.resolve("a/2.png"));
    Files.createDirectories(root.resolve("b"));
    Path job = Files.writeString(tmp.resolve("images.yaml"), """
        version: 1
        name: images
        model:
          input: {shape: [4, 4, 1]}
          layers: [flatten, {dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: adam
        data:
          train: {image_folder: {path: images, color_mode: grayscale, size: [4, 4]}, batch_size: 2}
        train: {epochs: 1}
        """);
    CliHarness.Run run = CliHarness.run("run", job.toString(), "--output", tmp.resolve("out").toString(), "--quiet");
    assertEquals(ExitCodes.USAGE, run.exit(), run.err());
    assertTrue(run.err().contains("data.train.image_folder.path: " + root.resolve("b") + ": the class folder 'b' holds no image"), run.err());

    png(root.resolve("b/1.png"));
    Files.writeString(root.resolve("b/2.png"), "not an image");
    run = CliHarness.run("run", job.toString(), "--output", tmp.resolve("out").toString(), "--quiet");
    assertEquals(ExitCodes.USAGE, run.exit(), run.err());
    assertTrue(run.err().contains("data.train.image_folder: " + root.resolve("b/2.png")
        + ": not a PNG, JPEG, GIF or BMP image (it starts 6e 6f 74 20); replace or remove the file"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertFalse(Files.exists(tmp.resolve("out/checkpoints")), "no training step ran");

    Path tsv = Files.writeString(tmp.resolve("reviews.tsv"), "text\tlabel\ngood film\tpos\n\tneg\nbad\tneg\n");
    Path text = Files.writeString(tmp.resolve("text.yaml"), """
        version: 1
        name: text
        model:
          input: {shape: [4], dtype: int32}
          layers: [{embedding: {input_dim: 10, output_dim: 2}}, flatten, {dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: adam
        data:
          train: {text: {path: reviews.tsv, text: text, label: label, sequence_length: 4}, batch_size: 1}
        train: {epochs: 1}
        """);
    run = CliHarness.run("run", text.toString(), "--output", tmp.resolve("text-out").toString(), "--quiet");
    assertEquals(ExitCodes.USAGE, run.exit(), run.err());
    assertTrue(run.err().contains("data.train.text: " + tsv + ":3: column 'text': the text is empty"), run.err());
  }

  /** An image_csv job (paths relative to the CSV, class-name labels) passes check and runs. */
  @Test
  void imageCsvJobPassesCheckAndRuns() throws Exception {
    StringBuilder csv = new StringBuilder("file,shape\n");
    for (int i = 0; i < 6; i++) {
      png(tmp.resolve("lists/img/" + i + ".png"));
      csv.append("img/").append(i).append(".png,").append(i % 2 == 0 ? "round" : "square").append('\n');
    }
    Files.writeString(tmp.resolve("lists/train.csv"), csv);
    Path job = Files.writeString(tmp.resolve("list.yaml"), """
        version: 1
        name: list
        model:
          input: {shape: [4, 4, 1]}
          layers: [flatten, {dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: adam
        data:
          train:
            image_csv: {path: lists/train.csv, image: file, label: shape, color_mode: grayscale, size: [4, 4]}
            preprocessing: [{rescale: 1/255}, {random_flip: horizontal}]
            batch_size: 2
        train: {epochs: 2}
        """);
    assertEquals(0, CliHarness.run("check", job.toString()).exit());
    CliHarness.Run run = CliHarness.run("run", job.toString(), "--output", tmp.resolve("list-out").toString(), "--quiet");
    assertEquals(0, run.exit(), run.err());
    assertEquals("round\nsquare\n", Files.readString(tmp.resolve("list-out/classes.txt")));
  }

  private static void png(Path file) throws Exception {
    Files.createDirectories(file.getParent());
    java.awt.image.BufferedImage image = new java.awt.image.BufferedImage(4, 4, java.awt.image.BufferedImage.TYPE_BYTE_GRAY);
    image.getRaster().setSample(1, 2, 0, 200);
    javax.imageio.ImageIO.write(image, "png", file.toFile());
  }

  private Path tfrecordJob(String file, String extra) throws Exception {
    Path job = tmp.resolve("job.yaml");
    Files.writeString(job, """
        version: 1
        name: tfr
        seed: 3
        model:
          input: {shape: [4]}
          layers: [{dense: {units: 2}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: {sgd: {learning_rate: 0.1}}
        data:
          train:
            tfrecord: {paths: [%s], features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y}
            batch_size: 32
        train: {steps: 10}
        tensorboard: {enabled: false}
        """.formatted(file) + extra);
    return job;
  }

  /** Two classes: x ~ N(±1, 1) in every coordinate, y the class. */
  private static List<Example> examples(int n, long seed) {
    Random random = new Random(seed);
    List<Example> list = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int y = i % 2;
      FloatList.Builder x = FloatList.newBuilder();
      for (int j = 0; j < 4; j++) {
        x.addValue((float) (random.nextGaussian() + (y == 0 ? -1 : 1)));
      }
      list.add(Example.newBuilder().setFeatures(Features.newBuilder()
          .putFeature("x", Feature.newBuilder().setFloatList(x).build())
          .putFeature("y", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(y)).build())).build());
    }
    return list;
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }
}
