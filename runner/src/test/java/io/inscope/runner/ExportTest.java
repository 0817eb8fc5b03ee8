package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.modules.data.DataLoader;
import io.inscope.modules.data.DataModule;
import io.inscope.modules.data.Examples;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.GraphOperation;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The SavedModel of a mirrored job is the model alone (one copy of each weight, no training,
 * optimizer or replica ops) in a numeric version folder, and every output of its {@code
 * serving_default} signature agrees with the run: the cross-entropy of {@code logits} on the eval
 * split is the run's eval loss, {@code probabilities} are their softmax (computed here in double),
 * {@code class_ids} their argmax, whose accuracy is the run's eval accuracy, and {@code classes}
 * the CSV's species names, looked up in the graph from the {@code classes.txt} asset.
 */
class ExportTest {
  private static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");
  @TempDir Path tmp;

  @Test
  void everyOutputOfTheExportAgreesWithTheRunsEvaluation() throws Exception {
    Path job = Path.of("../examples/iris.yaml");
    Path out = tmp.resolve("out");
    List<String> overrides = List.of("train.epochs=5", "strategy.type=mirrored", "strategy.replicas=2",
        "export.saved_model=true");
    CliHarness.Run r = CliHarness.run(args(job, out, overrides));
    assertEquals(0, r.exit(), r.err());
    JsonNode reported = lastEval(out);

    Path version = out.resolve("export/saved_model/50");
    assertTrue(Files.exists(version.resolve("saved_model.pb")), "version folder = the final step (5 epochs of 10 steps)");
    assertEquals(String.join("\n", SPECIES) + "\n", Files.readString(version.resolve("assets/classes.txt")));
    assertEquals(Files.readString(out.resolve("job.resolved.yaml")), Files.readString(version.resolve("assets/job.resolved.yaml")));

    JobSpec spec = new JobLoader(Map.of()).load(job, overrides).spec();
    Examples eval = Guice.createInjector(new DataModule()).getInstance(DataLoader.class)
        .load("data.eval", spec.data().eval(), spec.model().input(), spec.seed());
    int n = eval.size();
    float[] x = new float[n * 4];
    float[] y = new float[n];
    for (int i = 0; i < n; i++) {
      eval.copyFeatures(i, x, i * 4);
      eval.copyLabels(i, y, i);
    }
    try (SavedModelBundle model = SavedModelBundle.load(version.toString(), "serve")) {
      SignatureDef sig = model.metaGraphDef().getSignatureDefOrThrow("serving_default");
      assertEquals("tensorflow/serving/predict", sig.getMethodName());
      assertEquals(List.of("class_ids", "classes", "logits", "probabilities"), sig.getOutputsMap().keySet().stream().sorted().toList());
      assertEquals(2, model.metaGraphDef().getAssetFileDefCount());
      List<String> variables = new ArrayList<>();
      for (Iterator<GraphOperation> it = model.graph().operations(); it.hasNext(); ) {
        GraphOperation op = it.next();
        if (op.type().equals("VarHandleOp")) {
          variables.add(op.name());
        }
        assertFalse(op.type().startsWith("ResourceApply") || op.name().contains("replica_"), op.name());
      }
      assertEquals(4, variables.size(), "the model's two kernels and biases, once each: " + variables);
      try (TFloat32 input = TFloat32.tensorOf(Shape.of(n, 4), d -> d.copyFrom(DataBuffers.of(x)));
          Result result = model.function("serving_default").call(Map.of("inputs", input))) {
        TFloat32 z = (TFloat32) result.get("logits").orElseThrow();
        TFloat32 p = (TFloat32) result.get("probabilities").orElseThrow();
        TInt64 ids = (TInt64) result.get("class_ids").orElseThrow();
        TString names = (TString) result.get("classes").orElseThrow();
        assertEquals(Shape.of(n, 3), z.shape());
        assertEquals(Shape.of(n), ids.shape());
        double loss = 0;
        int correct = 0;
        for (int i = 0; i < n; i++) {
          double max = Double.NEGATIVE_INFINITY;
          int argmax = 0;
          for (int c = 0; c < 3; c++) {
            if (z.getFloat(i, c) > max) {
              max = z.getFloat(i, c);
              argmax = c;
            }
          }
          double sum = 0;
          for (int c = 0; c < 3; c++) {
            sum += Math.exp(z.getFloat(i, c) - max);
          }
          for (int c = 0; c < 3; c++) {
            assertEquals(Math.exp(z.getFloat(i, c) - max) / sum, p.getFloat(i, c), 1e-6, "softmax of row " + i);
          }
          loss += max + Math.log(sum) - z.getFloat(i, (int) y[i]);
          assertEquals(argmax, ids.getLong(i), "argmax of row " + i);
          assertEquals(SPECIES.get(argmax), names.getObject(i), "class name of row " + i);
          correct += argmax == (int) y[i] ? 1 : 0;
        }
        double reportedLoss = reported.get("loss").asDouble();
        assertEquals(reportedLoss, loss / n, 1e-5 * Math.max(1, reportedLoss), "served loss against the run's eval loss");
        assertEquals(reported.get("accuracy").asDouble(), correct / (double) n, 1e-9, "served accuracy against the run's");
      }
    }

    // a longer run of the same directory resumes and exports its own version; keep: 1 leaves it alone
    List<String> longer = List.of("train.epochs=6", "export.keep=1", "strategy.type=mirrored", "strategy.replicas=2",
        "export.saved_model=true");
    CliHarness.Run again = CliHarness.run(args(job, out, longer));
    assertEquals(0, again.exit(), again.err());
    try (var versions = Files.list(out.resolve("export/saved_model"))) {
      assertEquals(List.of("60"), versions.map(v -> v.getFileName().toString()).toList());
    }
  }

  static JsonNode lastEval(Path runDir) throws Exception {
    JsonNode last = null;
    for (String line : Files.readAllLines(runDir.resolve("metrics.jsonl"))) {
      JsonNode node = new ObjectMapper().readTree(line);
      if (node.get("split").asText().equals("eval")) {
        last = node;
      }
    }
    return last;
  }

  private static String[] args(Path job, Path out, List<String> overrides) {
    List<String> args = new ArrayList<>(List.of("run", job.toString(), "--output", out.toString(), "--quiet"));
    overrides.forEach(o -> args.addAll(List.of("--set", o)));
    return args.toArray(String[]::new);
  }
}
