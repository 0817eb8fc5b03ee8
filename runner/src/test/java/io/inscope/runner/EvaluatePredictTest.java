package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code evaluate} reproduces the run's own evaluation, and {@code predict} writes predictions whose
 * accuracy and cross-entropy are what {@code evaluate} reports: the same model, preprocessing and
 * class ids reach the user by both paths, from a run directory or from its SavedModel.
 */
class EvaluatePredictTest {
  @TempDir Path tmp;

  /**
   * With {@code preprocessing} (rescale and normalize, then an augmentation), evaluation, {@code
   * predict} from the run directory and the exported model see the examples as the trained model
   * did: the non-random steps, inherited by data.eval.
   */
  @Test
  void preprocessingReachesEvaluatePredictAndTheExport() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(48, 2);
    String steps = ", preprocessing: [{rescale: 1/4}, {normalize: {mean: [0.1, 0.2, 0.3, 0.4], std: 0.5}},"
        + " {random_brightness: {factor: 0.05, value_range: [-50, 50]}}]";
    Path job = ServingData.job(tmp, "steps", "csv: {path: train.csv, label: kind}" + steps, "csv: {path: eval.csv, label: kind}",
        "{sparse_categorical_crossentropy: {from_logits: true}}", 3);
    train.csv(tmp.resolve("train.csv"));
    eval.csv(tmp.resolve("eval.csv"));
    Path run = tmp.resolve("run");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertTrue(Files.readString(run.resolve("job.resolved.yaml")).contains("scale: 1/4"));

    CliHarness.Run e = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    JsonNode evaluated = Predictions.json(e.out());
    JsonNode logged = ExportTest.lastEval(run);
    assertEquals(logged.get("loss").asDouble(), evaluated.get("loss").asDouble(), 1e-6, "the run's own eval loss");
    assertTrue(evaluated.get("accuracy").asDouble() > 0.8, "trained on preprocessed data: " + evaluated);

    Path csv = tmp.resolve("p.csv");
    assertEquals(0, CliHarness.run("predict", run.toString(), "--input", tmp.resolve("eval.csv").toString(),
        "--output", csv.toString()).exit());
    double[] accuracyLoss = Predictions.read(csv, ServingData.CLASSES).accuracyAndLoss(eval.label, ServingData.CLASSES);
    assertEquals(evaluated.get("accuracy").asDouble(), accuracyLoss[0], 1e-9, "predicted accuracy = evaluated accuracy");
    assertEquals(evaluated.get("loss").asDouble(), accuracyLoss[1], 1e-5, "cross-entropy of the predicted probabilities");

    Path jsonl = tmp.resolve("p.jsonl");
    assertEquals(0, CliHarness.run("predict", run.resolve("export/saved_model/80").toString(), "--input",
        eval.csvFeatures(tmp.resolve("features.csv")).toString(), "--output", jsonl.toString()).exit());
    Predictions rows = Predictions.read(csv, ServingData.CLASSES);
    Predictions fromExport = Predictions.read(jsonl, ServingData.CLASSES);
    assertArrayEquals(rows.classIds(), fromExport.classIds());
    for (int i = 0; i < rows.probabilities().length; i++) {
      assertArrayEquals(rows.probabilities()[i], fromExport.probabilities()[i], 1e-6f);
    }
  }

  @Test
  void csvWithStringLabels() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(48, 2);
    Path job = ServingData.job(tmp, "strings", "csv: {path: train.csv, label: kind}", "csv: {path: eval.csv, label: kind}",
        "{sparse_categorical_crossentropy: {from_logits: true}}", 3);
    train.csv(tmp.resolve("train.csv"));
    eval.csv(tmp.resolve("eval.csv"));
    Path run = tmp.resolve("run");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());

    CliHarness.Run e = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    JsonNode evaluated = Predictions.json(e.out());
    JsonNode logged = ExportTest.lastEval(run);
    assertEquals(80, evaluated.get("step").asLong());
    assertEquals(48, evaluated.get("examples").asInt());
    assertEquals(logged.get("loss").asDouble(), evaluated.get("loss").asDouble(), 1e-6, "the run's own eval loss");
    assertEquals(logged.get("accuracy").asDouble(), evaluated.get("accuracy").asDouble(), 1e-9);
    CliHarness.Run table = CliHarness.run("evaluate", run.toString());
    assertTrue(table.out().contains("loss ") && table.out().contains("accuracy "), table.out());

    Path csv = tmp.resolve("p.csv");
    CliHarness.Run p = CliHarness.run("predict", run.toString(), "--input", tmp.resolve("eval.csv").toString(),
        "--output", csv.toString(), "--batch-size", "7");
    assertEquals(0, p.exit(), p.err());
    Predictions rows = Predictions.read(csv, ServingData.CLASSES);
    double[] accuracyLoss = rows.accuracyAndLoss(eval.label, ServingData.CLASSES);
    assertEquals(evaluated.get("accuracy").asDouble(), accuracyLoss[0], 1e-9, "predicted accuracy = evaluated accuracy");
    assertEquals(evaluated.get("loss").asDouble(), accuracyLoss[1], 1e-5, "cross-entropy of the predicted probabilities");

    // the export, fed a file without the label column, gives the same rows
    Path export = run.resolve("export/saved_model/80");
    Path jsonl = tmp.resolve("p.jsonl");
    p = CliHarness.run("predict", export.toString(), "--input", eval.csvFeatures(tmp.resolve("features.csv")).toString(),
        "--output", jsonl.toString());
    assertEquals(0, p.exit(), p.err());
    Predictions fromExport = Predictions.read(jsonl, ServingData.CLASSES);
    assertArrayEquals(rows.classIds(), fromExport.classIds());
    for (int i = 0; i < rows.probabilities().length; i++) {
      assertArrayEquals(rows.probabilities()[i], fromExport.probabilities()[i], 1e-6f);
    }

    // other data: a file with only two of the classes keeps the training class ids
    ServingData more = new ServingData(60, 7);
    Path subset = more.csv(tmp.resolve("subset.csv"), 1, 2);
    e = CliHarness.run("evaluate", run.toString(), "--data", subset.toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    JsonNode onSubset = Predictions.json(e.out());
    Path subsetRows = tmp.resolve("subset.csv.out.csv");
    assertEquals(0, CliHarness.run("predict", run.toString(), "--input", subset.toString(), "--output", subsetRows.toString()).exit());
    int[] subsetLabels = Arrays.stream(more.label).filter(l -> l != 0).toArray();
    double[] subsetAccuracyLoss = Predictions.read(subsetRows, ServingData.CLASSES).accuracyAndLoss(subsetLabels, ServingData.CLASSES);
    assertEquals(subsetLabels.length, onSubset.get("examples").asInt());
    assertEquals(onSubset.get("accuracy").asDouble(), subsetAccuracyLoss[0], 1e-9);
    assertEquals(onSubset.get("loss").asDouble(), subsetAccuracyLoss[1], 1e-5);

    // top-k
    Path top = tmp.resolve("top.csv");
    assertEquals(0, CliHarness.run("predict", run.toString(), "--input", tmp.resolve("eval.csv").toString(),
        "--output", top.toString(), "--top-k", "2").exit());
    List<String> lines = Files.readAllLines(top);
    assertEquals("class,class_id,top1_class,top1_class_id,top1_probability,top2_class,top2_class_id,top2_probability", lines.get(0));
    String[] first = lines.get(1).split(",");
    assertEquals(first[0], first[2]);
    assertEquals(rows.probabilities()[0][Integer.parseInt(first[3])], Float.parseFloat(first[4]));
    assertTrue(Float.parseFloat(first[4]) >= Float.parseFloat(first[7]));
  }

  @Test
  void regressionPredictionsGiveTheEvaluatedMeanSquaredError() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(40, 2);
    Path job = ServingData.job(tmp, "reg", "csv: {path: train.csv, label: y}", "csv: {path: eval.csv, label: y}",
        "{mean_squared_error: {}}", 1);
    train.csvRegression(tmp.resolve("train.csv"));
    eval.csvRegression(tmp.resolve("eval.csv"));
    Path run = tmp.resolve("run");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    CliHarness.Run e = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    double mse = Predictions.json(e.out()).get("loss").asDouble();
    Path out = tmp.resolve("p.csv");
    CliHarness.Run p = CliHarness.run("predict", run.toString(), "--input", tmp.resolve("eval.csv").toString(), "--output", out.toString());
    assertEquals(0, p.exit(), p.err());
    List<String> lines = Files.readAllLines(out);
    assertEquals("prediction", lines.get(0));
    double sum = 0;
    for (int i = 0; i < eval.x.length; i++) {
      double d = Double.parseDouble(lines.get(i + 1)) - eval.target(i);
      sum += d * d;
    }
    assertEquals(mse, sum / eval.x.length, 1e-5 * Math.max(1, mse), "MSE of the predictions = evaluated loss");
    try (org.tensorflow.SavedModelBundle b = org.tensorflow.SavedModelBundle.load(run.resolve("export/saved_model/80").toString(), "serve")) {
      assertEquals(java.util.Set.of("predictions"), b.metaGraphDef().getSignatureDefOrThrow("serving_default").getOutputsMap().keySet());
    }
  }

  @Test
  void textIsEvaluatedOnOtherFilesWithTheRunsVocabulary() throws Exception {
    Path run = tmp.resolve("run");
    Path job = Path.of("../examples/reviews-text.yaml");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet", "--set", "train.epochs=2");
    assertEquals(0, r.exit(), r.err());
    CliHarness.Run split = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, split.exit(), split.err());
    // the eval file alone would learn another vocabulary (other ids, another loss); the run's is used
    CliHarness.Run data = CliHarness.run("evaluate", run.toString(), "--json", "--data", "../examples/data/reviews-test.tsv");
    assertEquals(0, data.exit(), data.err());
    assertEquals(Predictions.json(split.out()).get("loss").asDouble(), Predictions.json(data.out()).get("loss").asDouble());
    // predict feeds the raw texts: the export vectorizes them in the graph, with the ids the run trained on
    double loss = Predictions.json(split.out()).get("loss").asDouble();
    double accuracy = Predictions.json(split.out()).get("accuracy").asDouble();
    List<String> classes = List.of("negative", "positive");
    int[] labels = reviewLabels(Path.of("../examples/data/reviews-test.tsv"), classes);
    for (Path model : List.of(run, run.resolve("export/saved_model/60"))) {
      Path csv = tmp.resolve(model.getFileName() + ".csv");
      CliHarness.Run p = CliHarness.run("predict", model.toString(), "--input", "../examples/data/reviews-test.tsv",
          "--output", csv.toString(), "--batch-size", "64");
      assertEquals(0, p.exit(), p.err());
      double[] accuracyLoss = Predictions.read(csv, classes).accuracyAndLoss(labels, classes);
      assertEquals(accuracy, accuracyLoss[0], 1e-9, model + ": predicted accuracy = evaluated accuracy");
      assertEquals(loss, accuracyLoss[1], 1e-5, model + ": cross-entropy of the predicted probabilities");
    }
  }

  static int[] reviewLabels(Path tsv, List<String> classes) throws Exception {
    List<String> lines = Files.readAllLines(tsv);
    return lines.subList(1, lines.size()).stream().filter(l -> !l.isBlank())
        .mapToInt(l -> classes.indexOf(l.substring(l.lastIndexOf('\t') + 1).strip())).toArray();
  }

  @Test
  void usageErrorsExit2WithOneLine() throws Exception {
    CliHarness.Run r = CliHarness.run("evaluate", tmp.toString());
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("not a run directory") && !r.err().contains("\tat "), r.err());
    r = CliHarness.run("predict", tmp.toString(), "--input", "x.csv", "--output", "out.txt");
    assertEquals(2, r.exit());
    assertTrue(r.err().contains("--output: name the file .csv or .jsonl"), r.err());
  }

  @Test
  void anOutputThatCannotBeCreatedExits73AndAClusterRunIsEvaluatedLocally() throws Exception {
    ServingData eval = new ServingData(40, 2);
    Path job = ServingData.job(tmp, "small", "csv: {path: eval.csv, label: kind}", "csv: {path: eval.csv, label: kind}",
        "{sparse_categorical_crossentropy: {from_logits: true}}", 3);
    eval.csv(tmp.resolve("eval.csv"));
    Path run = tmp.resolve("run");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet", "--set", "train.epochs=1").exit());
    CliHarness.Run r = CliHarness.run("predict", run.toString(), "--input", tmp.resolve("eval.csv").toString(),
        "--output", tmp.resolve("no/such/dir/p.csv").toString());
    assertEquals(ExitCodes.CANNOT_CREATE, r.exit(), r.err());
    assertTrue(r.err().contains("--output: cannot create ") && !r.err().contains("\tat "), r.err());

    // a run trained over a cluster is evaluated on this machine's first device, without its cluster
    CliHarness.Run local = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, local.exit(), local.err());
    Path resolved = run.resolve("job.resolved.yaml");
    String text = Files.readString(resolved);
    String clustered = text.replace("  workers: null", "  workers: [localhost:1, localhost:2]")
        .replace("  type: one_device", "  type: multi_worker_mirrored").replace("  replicas: null", "  replicas: 1");
    assertTrue(!clustered.equals(text), text);
    Files.writeString(resolved, clustered);
    CliHarness.Run remote = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, remote.exit(), remote.err());
    assertEquals(Predictions.json(local.out()).get("loss").asDouble(), Predictions.json(remote.out()).get("loss").asDouble());
  }
}
