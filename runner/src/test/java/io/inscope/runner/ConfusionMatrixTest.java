package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.inscope.runner.internal.ConfusionMatrixCsv;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A classifier's run writes confusion_matrix.csv with its class names, and the matrix agrees with
 * the metrics computed beside it in the graph: its diagonal over its total is the evaluation's
 * accuracy (exactly), the macro precision, recall and F1 computed from its rows and columns are the
 * evaluation's precision, recall and f1 (1e-6: the run divides in doubles from float32 counts).
 * {@code evaluate} reports the same metrics and matrix, and {@code report} shows the matrix.
 */
class ConfusionMatrixTest {
  @TempDir Path tmp;

  @Test
  void runEvaluateAndReportAgreeWithTheMatrix() throws Exception {
    new ServingData(200, 1).csv(tmp.resolve("train.csv"));
    new ServingData(48, 2).csv(tmp.resolve("eval.csv"));
    Path job = ServingData.job(tmp, "confusion", "csv: {path: train.csv, label: kind}", "csv: {path: eval.csv, label: kind}",
        "{sparse_categorical_crossentropy: {from_logits: true}}", 3);
    Files.writeString(job, Files.readString(job).replace("metrics: [accuracy]", "metrics: [accuracy, precision, recall, f1, auc]")
        .replace("epochs: 8", "epochs: 2"));
    Path run = tmp.resolve("run");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());

    List<List<String>> rows = ConfusionMatrixCsv.read(run.resolve(ConfusionMatrixCsv.FILE));
    assertEquals(List.of("true\\predicted", "alpha", "beta", "gamma"), rows.get(0));
    long[][] m = new long[3][3];
    long total = 0;
    long diagonal = 0;
    for (int t = 0; t < 3; t++) {
      assertEquals(ServingData.CLASSES.get(t), rows.get(t + 1).get(0));
      for (int p = 0; p < 3; p++) {
        m[t][p] = Long.parseLong(rows.get(t + 1).get(p + 1));
        total += m[t][p];
        diagonal += t == p ? m[t][p] : 0;
      }
    }
    assertEquals(48, total);
    JsonNode eval = ExportTest.lastEval(run);
    assertEquals((double) diagonal / total, eval.get("accuracy").asDouble(), 1e-12);
    double[] prf = macro(m);
    assertEquals(prf[0], eval.get("precision").asDouble(), 1e-6, "precision");
    assertEquals(prf[1], eval.get("recall").asDouble(), 1e-6, "recall");
    assertEquals(prf[2], eval.get("f1").asDouble(), 1e-6, "f1");
    double auc = eval.get("auc").asDouble();
    assertTrue(auc > 0.5 && auc <= 1, "a trained classifier ranks better than chance: " + auc);

    CliHarness.Run e = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    JsonNode evaluated = Predictions.json(e.out());
    for (String metric : List.of("accuracy", "precision", "recall", "f1", "auc")) {
      assertEquals(eval.get(metric).asDouble(), evaluated.get(metric).asDouble(), 1e-6, metric);
    }
    JsonNode matrix = evaluated.get("confusion_matrix");
    assertEquals("[\"alpha\",\"beta\",\"gamma\"]", matrix.get("classes").toString());
    for (int t = 0; t < 3; t++) {
      for (int p = 0; p < 3; p++) {
        assertEquals(m[t][p], matrix.get("counts").get(t).get(p).asLong());
      }
    }
    CliHarness.Run table = CliHarness.run("evaluate", run.toString());
    assertTrue(table.out().contains("confusion matrix (rows: true class, columns: predicted)"), table.out());
    assertTrue(table.out().lines().anyMatch(l -> l.trim().startsWith("alpha") && l.trim().endsWith(Long.toString(m[0][2]))), table.out());

    Path html = tmp.resolve("report.html");
    CliHarness.Run rep = CliHarness.run("report", run.toString(), "--output", html.toString());
    assertEquals(0, rep.exit(), rep.err());
    String page = Files.readString(html);
    assertTrue(page.contains("Confusion matrix") && page.contains("<th>gamma</th>"), page);
  }

  /** Keras' macro precision, recall (divide_no_nan) and F1Score (ε = 1e-7) from the matrix. */
  private static double[] macro(long[][] m) {
    List<double[]> perClass = new ArrayList<>();
    for (int c = 0; c < m.length; c++) {
      double tp = m[c][c];
      double fp = 0;
      double fn = 0;
      for (int o = 0; o < m.length; o++) {
        fp += o == c ? 0 : m[o][c];
        fn += o == c ? 0 : m[c][o];
      }
      double p = tp + fp == 0 ? 0 : tp / (tp + fp);
      double r = tp + fn == 0 ? 0 : tp / (tp + fn);
      double pe = tp / (tp + fp + 1e-7);
      double re = tp / (tp + fn + 1e-7);
      perClass.add(new double[] {p, r, 2 * pe * re / (pe + re + 1e-7)});
    }
    double[] mean = new double[3];
    perClass.forEach(v -> {
      for (int i = 0; i < 3; i++) {
        mean[i] += v[i] / m.length;
      }
    });
    return mean;
  }
}
