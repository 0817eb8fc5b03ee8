package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.inscope.modules.checkpoint.Checkpoints;
import io.inscope.runner.internal.CheckpointReader;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image splits streamed ({@code cache: false} of {@code image_folder} and {@code image_csv}): listed
 * at open, each batch's images decoded when it is prepared, in the batches of {@code cache: true},
 * so a streamed run's weights and evaluations are those of the split held in memory, bit for bit.
 */
class StreamedImagesTest {

  @TempDir Path tmp;

  /**
   * Folders of PNGs of mixed sizes (resized to 8x8), shuffled, scaled, with a random flip and
   * brightness: the streamed run (both splits streamed) ends with the cached run's weights and
   * evaluation lines, and {@code evaluate} reports the same figures.
   */
  @Test
  void aStreamedImageFolderRunEqualsTheCachedRun() throws Exception {
    folder(tmp.resolve("train"), 14, 1);
    folder(tmp.resolve("test"), 5, 2);
    Path streamed = tmp.resolve("streamed");
    Path cached = tmp.resolve("cached");
    String eval = "eval: {image_folder: {path: test, color_mode: grayscale, size: [8, 8]}, scale: 0.5, batch_size: 4, cache: %s}";
    CliHarness.Run s = run(job(folderSource(), eval.formatted("false"), "false"), streamed, "train.steps=12");
    assertEquals(0, s.exit(), s.err());
    CliHarness.Run c = run(job(folderSource(), eval.formatted("true"), "true"), cached, "train.steps=12");
    assertEquals(0, c.exit(), c.err());
    assertEquals(CheckpointReader.read(latest(cached)), CheckpointReader.read(latest(streamed)));
    List<ObjectNode> evals = RunOutputs.evalLines(streamed);
    assertFalse(evals.isEmpty());
    assertEquals(RunOutputs.evalLines(cached), evals);
    assertEquals("a\nb\nc\n", Files.readString(streamed.resolve("classes.txt")));
    ObjectNode e = RunOutputs.evaluate(streamed);
    assertEquals(15, e.get("examples").asInt());
    assertEquals(RunOutputs.evaluate(cached), e);
  }

  /**
   * A CSV of image paths and class-name labels: streamed training ends with the cached run's
   * weights; {@code evaluate} of a job without {@code data.eval} reads the streamed training split
   * in file order and reports what the cached one reports.
   */
  @Test
  void aStreamedImageCsvRunEqualsTheCachedRun() throws Exception {
    folder(tmp.resolve("train"), 10, 3);
    StringBuilder csv = new StringBuilder("file,kind\n");
    try (var files = Files.walk(tmp.resolve("train"))) {
      for (Path p : files.filter(Files::isRegularFile).sorted().toList()) {
        csv.append(tmp.relativize(p)).append(',').append(p.getParent().getFileName().toString().equals("b") ? "bee" : "other")
            .append('\n');
      }
    }
    Files.writeString(tmp.resolve("train.csv"), csv);
    String source = "image_csv: {path: train.csv, image: file, label: kind, color_mode: grayscale, size: [8, 8]}";
    Path streamed = tmp.resolve("streamed");
    Path cached = tmp.resolve("cached");
    CliHarness.Run s = run(job(source, "", "false"), streamed, "train.steps=9");
    assertEquals(0, s.exit(), s.err());
    assertEquals(0, run(job(source, "", "true"), cached, "train.steps=9").exit());
    assertEquals(CheckpointReader.read(latest(cached)), CheckpointReader.read(latest(streamed)));
    assertEquals("bee\nother\n", Files.readString(streamed.resolve("classes.txt")));
    ObjectNode e = RunOutputs.evaluate(streamed);
    assertEquals(30, e.get("examples").asInt());
    assertEquals(RunOutputs.evaluate(cached), e);
  }

  /** A streamed image run stopped at step 13, in its second epoch (10 steps each), and resumed to 24 ends as an uninterrupted run. */
  @Test
  void aStreamedImageRunStoppedMidEpochResumesBitExact() throws Exception {
    folder(tmp.resolve("train"), 14, 4);
    Path job = job(folderSource(), "", "false");
    Path whole = tmp.resolve("whole");
    Path split = tmp.resolve("split");
    assertEquals(0, run(job, whole, "train.steps=24").exit());
    assertEquals(0, run(job, split, "train.steps=13").exit());
    CliHarness.Run resumed = run(job, split, "train.steps=24");
    assertEquals(0, resumed.exit(), resumed.err());
    assertEquals(CheckpointReader.read(latest(whole)), CheckpointReader.read(latest(split)));
  }

  /**
   * A streamed split is listed, not decoded, before training: an undecodable image stops the run
   * when its batch is read (step 3 in file order), exit 2, naming the file as cache: true does;
   * the checkpoint of step 2 is kept.
   */
  @Test
  void anUndecodableStreamedImageExits2NamingTheFileAndKeepsTheCheckpoint() throws Exception {
    folder(tmp.resolve("train"), 6, 5);
    Path bad = tmp.resolve("train/c/03.png");
    Files.writeString(bad, "not an image");
    Path job = Files.writeString(tmp.resolve("bad.yaml"), """
        version: 1
        name: bad
        seed: 3
        model:
          input: {shape: [8, 8, 1]}
          layers: [flatten, {dense: {units: 3}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: adam
        data:
          train: {image_folder: {path: train, color_mode: grayscale, size: [8, 8]}, batch_size: 4, cache: false}
        train: {steps: 4}
        checkpoint: {every_steps: 2, keep: 5}
        tensorboard: {enabled: false}
        """);
    Path runDir = tmp.resolve("bad");
    CliHarness.Run run = run(job, runDir, "train.steps=4");
    assertEquals(ExitCodes.USAGE, run.exit(), run.err());
    assertTrue(run.err().contains("data.train.image_folder: " + bad
        + ": not a PNG, JPEG, GIF or BMP image (it starts 6e 6f 74 20); replace or remove the file"), run.err());
    assertFalse(run.err().contains("Exception"), run.err());
    assertEquals(2, Checkpoints.readState(latest(runDir)).step());
  }

  private static String folderSource() {
    return "image_folder: {path: train, color_mode: grayscale, size: [8, 8]}";
  }

  private Path job(String source, String eval, String cache) throws Exception {
    Path job = tmp.resolve("job-" + cache + ".yaml");
    Files.writeString(job, """
        version: 1
        name: images
        seed: 3
        model:
          input: {shape: [8, 8, 1]}
          layers: [flatten, {dense: {units: 8, activation: relu}}, {dense: {units: 3}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train:
            %s
            cache: %s
            scale: 0.5
            preprocessing: [{rescale: 1/127.5}, {random_flip: horizontal}, {random_brightness: {factor: 0.2, value_range: [0, 1]}}]
            shuffle: 16
            batch_size: 4
          %s
        train: {steps: 10}
        checkpoint: {every_steps: 1000, keep: 2}
        tensorboard: {enabled: false}
        """.formatted(source, cache, eval));
    return job;
  }

  /** Classes a, b, c of {@code perClass} grayscale PNGs each, of random pixels and sizes 5..12. */
  static void folder(Path root, int perClass, long seed) throws Exception {
    Random random = new Random(seed);
    for (String c : List.of("a", "b", "c")) {
      Files.createDirectories(root.resolve(c));
      for (int i = 0; i < perClass; i++) {
        BufferedImage image = new BufferedImage(5 + random.nextInt(8), 5 + random.nextInt(8), BufferedImage.TYPE_BYTE_GRAY);
        for (int y = 0; y < image.getHeight(); y++) {
          for (int x = 0; x < image.getWidth(); x++) {
            image.getRaster().setSample(x, y, 0, random.nextInt(256));
          }
        }
        ImageIO.write(image, "png", root.resolve(c).resolve("%02d.png".formatted(i)).toFile());
      }
    }
  }

  private static CliHarness.Run run(Path job, Path out, String steps) {
    return CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet", "--set", steps);
  }

  private static Path latest(Path runDir) throws Exception {
    return new Checkpoints(runDir.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow();
  }
}
