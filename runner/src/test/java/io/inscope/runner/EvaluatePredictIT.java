package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code runner.jar run}, then {@code evaluate --json} and {@code predict}, as users run them, for
 * each file kind (CSV with string labels, IDX, TFRecord, image folders, text): evaluate reproduces the run's last evaluation, and the accuracy and cross-entropy
 * of predict's rows are evaluate's (predict feeds texts and image files to the export's graph, which
 * vectorizes and decodes them as the Java loader does for evaluate).
 */
class EvaluatePredictIT {
  private static final List<String> IDS = List.of("0", "1", "2");
  @TempDir Path tmp;

  @Test
  void csvWithStringLabels() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(48, 2);
    train.csv(tmp.resolve("train.csv"));
    eval.csv(tmp.resolve("eval.csv"));
    check("csv", "csv: {path: train.csv, label: kind}", "csv: {path: eval.csv, label: kind}", eval,
        List.of(tmp.resolve("eval.csv")), tmp.resolve("eval.csv"), ServingData.CLASSES);
  }

  @Test
  void idx() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(48, 2);
    train.idxImages(tmp.resolve("train-images.idx"));
    train.idxLabels(tmp.resolve("train-labels.idx"));
    Path images = eval.idxImages(tmp.resolve("eval-images.idx"));
    Path labels = eval.idxLabels(tmp.resolve("eval-labels.idx"));
    check("idx", "idx: {images: train-images.idx, labels: train-labels.idx}",
        "idx: {images: eval-images.idx, labels: eval-labels.idx}", eval, List.of(images, labels), images, IDS);
  }

  @Test
  void tfrecord() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(48, 2);
    train.tfrecord(tmp.resolve("train.tfrecord"));
    Path records = eval.tfrecord(tmp.resolve("eval.tfrecord"));
    String features = "features: {x: {shape: [4]}, y: {shape: [], dtype: int64}}, label: y";
    check("tfrecord", "tfrecord: {paths: [train.tfrecord], " + features + "}",
        "tfrecord: {paths: [eval.tfrecord], " + features + "}", eval, List.of(records), records, IDS);
  }

  @Test
  void imageFolder() throws Exception {
    ServingData.pngs(tmp.resolve("train"), 60, 1);
    int[] labels = ServingData.pngs(tmp.resolve("eval"), 16, 2);
    String source = "image_folder: {path: %s, color_mode: grayscale, size: [4, 4]}, scale: 0.00392156862745098";
    Path job = ServingData.job(tmp, "images", source.formatted("train"), source.formatted("eval"),
        "{sparse_categorical_crossentropy: {from_logits: true}}", 3, "[4, 4, 1]");
    check("images", job, labels, List.of(tmp.resolve("eval")), tmp.resolve("eval"), ServingData.CLASSES);
  }

  @Test
  void text() throws Exception {
    Path job = tmp.resolve("reviews.yaml");
    Files.writeString(job, Files.readString(Path.of("../examples/reviews-text.yaml"))
        .replace("path: data/", "path: " + Path.of("../examples/data").toAbsolutePath().normalize() + "/")
        .replace("epochs: 10", "epochs: 4"));
    Path test = Path.of("../examples/data/reviews-test.tsv").toAbsolutePath().normalize();
    List<String> classes = List.of("negative", "positive");
    check("text", job, EvaluatePredictTest.reviewLabels(test, classes), List.of(test), test, classes);
  }

  private void check(String name, String train, String eval, ServingData evalData, List<Path> dataFiles, Path input,
      List<String> classNames) throws Exception {
    Path job = ServingData.job(tmp, name, train, eval, "{sparse_categorical_crossentropy: {from_logits: true}}", 3);
    check(name, job, evalData.label, dataFiles, input, classNames);
  }

  private void check(String name, Path job, int[] evalLabels, List<Path> dataFiles, Path input, List<String> classNames)
      throws Exception {
    Path run = tmp.resolve("run-" + name);
    JarProcess p = JarProcess.start(tmp, "run", job.toString(), "--output", run.toString(), "--quiet").finish(300);
    assertEquals(0, p.exit, p.output);
    JsonNode logged = ExportTest.lastEval(run);

    p = JarProcess.start(tmp, "evaluate", run.toString(), "--json").finish(300);
    assertEquals(0, p.exit, p.output);
    JsonNode evaluated = jsonLine(p.output);
    assertEquals(logged.get("loss").asDouble(), evaluated.get("loss").asDouble(), 1e-6, name + ": the run's eval loss");
    assertEquals(logged.get("accuracy").asDouble(), evaluated.get("accuracy").asDouble(), 1e-9, name);
    assertTrue(evaluated.get("accuracy").asDouble() > 0.8, name + " learned: " + evaluated);

    String[] evalArgs = new String[3 + dataFiles.size() + 1];
    evalArgs[0] = "evaluate";
    evalArgs[1] = run.toString();
    evalArgs[2] = "--data";
    for (int i = 0; i < dataFiles.size(); i++) {
      evalArgs[3 + i] = dataFiles.get(i).toString();
    }
    evalArgs[evalArgs.length - 1] = "--json";
    p = JarProcess.start(tmp, evalArgs).finish(300);
    assertEquals(0, p.exit, p.output);
    assertEquals(evaluated.get("loss").asDouble(), jsonLine(p.output).get("loss").asDouble(), 1e-9, name + ": --data of the eval files");

    Path out = tmp.resolve(name + "-predictions.csv");
    p = JarProcess.start(tmp, "predict", run.toString(), "--input", input.toString(), "--output", out.toString()).finish(300);
    assertEquals(0, p.exit, p.output);
    assertTrue(p.output.contains("predict: " + evalLabels.length + " examples to "), p.output);
    double[] accuracyLoss = Predictions.read(out, classNames).accuracyAndLoss(evalLabels, classNames);
    assertEquals(evaluated.get("accuracy").asDouble(), accuracyLoss[0], 1e-9, name + ": predicted accuracy");
    assertEquals(evaluated.get("loss").asDouble(), accuracyLoss[1], 1e-5, name + ": cross-entropy of the predictions");
  }

  private static JsonNode jsonLine(String output) throws Exception {
    for (String line : output.split("\n")) {
      if (line.startsWith("{")) {
        return Predictions.json(line);
      }
    }
    throw new AssertionError("no JSON line in: " + output);
  }
}
