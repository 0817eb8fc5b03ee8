package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.TensorInfo;

/**
 * A model with two named inputs ({@code model.inputs}), each fed from a CSV column group: it
 * trains, its export's signature takes one named input per model input, and {@code predict}
 * through that signature reproduces the run's evaluation (so training, which cuts the inputs from
 * one feature row in the graph, and serving, which feeds them by name, agree on which value goes
 * where).
 */
class MultiInputTest {
  @TempDir Path tmp;

  @Test
  void twoInputsTrainExportAndPredictByName() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(48, 2);
    train.csv(tmp.resolve("train.csv"));
    eval.csv(tmp.resolve("eval.csv"));
    Path job = Files.writeString(tmp.resolve("two.yaml"), """
        version: 1
        name: two-inputs
        seed: 3
        model:
          inputs:
            left: {shape: [2]}
            right: {shape: [2, 1]}
          layers:
            - dense: {units: 16, activation: relu, name: l, inputs: left}
            - flatten: {inputs: right}
            - dense: {units: 16, activation: relu, name: r}
            - concatenate: {inputs: [l, r]}
            - dense: {units: 3}
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.02}}
        data:
          train: {csv: {path: train.csv, label: kind, feature_groups: {left: [f0, f1], right: [f2, f3]}}, shuffle: 200, batch_size: 20}
          eval: {csv: {path: eval.csv, label: kind, feature_groups: {right: [f2, f3], left: [f0, f1]}}, batch_size: 16}
        train: {epochs: 8, log_every_steps: 1000, eval_every: epoch}
        export: {saved_model: true}
        """);
    Path run = tmp.resolve("run");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", run.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    CliHarness.Run e = CliHarness.run("evaluate", run.toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    JsonNode evaluated = Predictions.json(e.out());
    assertTrue(evaluated.get("accuracy").asDouble() > 0.8, "learns from both inputs: " + evaluated);

    Path export = run.resolve("export/saved_model/80");
    try (SavedModelBundle b = SavedModelBundle.load(export.toString(), "serve")) {
      Map<String, TensorInfo> inputs = b.metaGraphDef().getSignatureDefOrThrow("serving_default").getInputsMap();
      assertEquals(java.util.Set.of("left", "right"), inputs.keySet());
      assertEquals(3, inputs.get("right").getTensorShape().getDimCount(), "[batch, 2, 1]");
    }
    Path csv = tmp.resolve("p.csv");
    CliHarness.Run p = CliHarness.run("predict", export.toString(), "--input", tmp.resolve("eval.csv").toString(),
        "--output", csv.toString(), "--batch-size", "7");
    assertEquals(0, p.exit(), p.err());
    double[] accuracyLoss = Predictions.read(csv, ServingData.CLASSES).accuracyAndLoss(eval.label, ServingData.CLASSES);
    assertEquals(evaluated.get("accuracy").asDouble(), accuracyLoss[0], 1e-9, "predicted accuracy = evaluated accuracy");
    assertEquals(evaluated.get("loss").asDouble(), accuracyLoss[1], 1e-5, "cross-entropy of the predicted probabilities");
  }

  @Test
  void anInputWithoutItsFeatureIsACheckError() throws Exception {
    Path job = Files.writeString(tmp.resolve("bad.yaml"), """
        version: 1
        name: bad
        model:
          inputs: {left: {shape: [2]}, right: {shape: [2]}}
          layers:
            - concatenate: {inputs: [left, right]}
            - dense: {units: 3}
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        optimizer: adam
        data:
          train: {idx: {images: a.idx, labels: b.idx}, batch_size: 20}
        train: {epochs: 1}
        """);
    Files.write(tmp.resolve("a.idx"), new byte[0]);
    Files.write(tmp.resolve("b.idx"), new byte[0]);
    CliHarness.Run r = CliHarness.run("check", job.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.out() + r.err());
    assertTrue(r.err().contains("data.train.idx: an idx source gives one feature per example but the model has 2 inputs (left, right)"),
        r.err());
  }
}
