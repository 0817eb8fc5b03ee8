package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.checkpoint.Checkpoints;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A preprocessing kind from a plugin (the test plugin {@code com.acme.preprocessing}: a {@code
 * ClipSpec} record, its step and Guice module, and a {@code KindProvider} in {@code
 * META-INF/services}) is known to {@code check} and {@code schema}, and {@code run} applies it: the
 * trained weights are bit for bit those of a run on data clipped by hand, {@code evaluate} and
 * {@code predict} (from the run directory and from the SavedModel, whose graph clips raw inputs)
 * agree with that run too.
 */
class PreprocessingPluginTest {
  private static final String PLUGINS = "plugins: [com.acme.preprocessing.AcmePreprocessing]\n";
  private static final String CLIP = ", preprocessing: [{clip: {min: -0.5, max: 0.5}}]";
  @TempDir Path tmp;

  @Test
  void aPluginStepIsCheckedListedAndApplied() throws Exception {
    ServingData train = new ServingData(200, 1);
    ServingData eval = new ServingData(48, 2);
    Path clipped = job("clipped", PLUGINS, CLIP, train, eval);

    CliHarness.Run check = CliHarness.run("check", clipped.toString());
    assertEquals(0, check.exit(), check.err());
    CliHarness.Run schema = CliHarness.run("schema");
    assertTrue(schema.out().contains("\"clip\"") && schema.out().contains("Limits every value to [min, max]"), "schema lists the kind");
    CliHarness.Run typo = CliHarness.run("check", job("typo", PLUGINS, CLIP.replace("clip:", "clp:"), train, eval).toString());
    assertEquals(2, typo.exit(), typo.err());
    assertTrue(typo.err().contains("typo/job.yaml:12:65: data.train.preprocessing[0]: unknown kind 'clp' (expected one of clip,"
        + " normalize, random_brightness, random_contrast, random_crop, random_flip, rescale; did you mean 'clip'?)"), typo.err());
    CliHarness.Run bad = CliHarness.run("check", clipped.toString(), "--set", "data.train.preprocessing[0].clip.max=-1");
    assertEquals(2, bad.exit(), bad.err());
    assertTrue(bad.err().contains("data.train.preprocessing[0].clip.max: must be > min (-0.5), got -1.0"), bad.err());

    Path byHand = job("by-hand", "", "", clip(train), clip(eval));
    Path raw = job("raw", "", "", train, eval);
    Path runs = tmp.resolve("runs");
    for (Path job : new Path[] {clipped, byHand, raw}) {
      CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", runs.resolve(name(job)).toString(), "--quiet");
      assertEquals(0, r.exit(), job + ": " + r.err());
    }
    Map<String, float[]> weights = weights(runs.resolve("clipped"));
    Map<String, float[]> byHandWeights = weights(runs.resolve("by-hand"));
    assertEquals(byHandWeights.keySet(), weights.keySet());
    for (String v : weights.keySet()) {
      assertArrayEquals(byHandWeights.get(v), weights.get(v), 0f, v + ": training saw the clipped values");
    }
    Map<String, float[]> rawWeights = weights(runs.resolve("raw"));
    assertFalse(weights.keySet().stream().allMatch(v -> Arrays.equals(rawWeights.get(v), weights.get(v))),
        "unclipped data trains other weights");

    // data.eval inherits the step: the evaluation is the one of the hand-clipped run
    CliHarness.Run e = CliHarness.run("evaluate", runs.resolve("clipped").toString(), "--json");
    assertEquals(0, e.exit(), e.err());
    CliHarness.Run eByHand = CliHarness.run("evaluate", runs.resolve("by-hand").toString(), "--json");
    assertEquals(Predictions.json(eByHand.out()).get("loss").asDouble(), Predictions.json(e.out()).get("loss").asDouble(), 0);

    // raw inputs, clipped by the served graph; 1e-6: the same weights and values, graphs optimized apart
    Path features = eval.csvFeatures(tmp.resolve("features.csv"));
    Path clippedFeatures = clip(eval).csvFeatures(tmp.resolve("clipped-features.csv"));
    Predictions expected = predict(runs.resolve("by-hand").resolve("export/saved_model/20"), clippedFeatures, "expected.csv");
    for (Path model : new Path[] {runs.resolve("clipped"), runs.resolve("clipped").resolve("export/saved_model/20")}) {
      Predictions got = predict(model, features, "got.csv");
      assertArrayEquals(expected.classIds(), got.classIds(), model.toString());
      for (int i = 0; i < got.probabilities().length; i++) {
        assertArrayEquals(expected.probabilities()[i], got.probabilities()[i], 1e-6f, model + ", row " + i);
      }
    }
  }

  @Test
  void aPluginStepWithoutItsModuleStopsTheRunNamingTheStep() throws Exception {
    Path job = job("no-module", "", CLIP, new ServingData(40, 1), new ServingData(16, 2));
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", tmp.resolve("run").toString(), "--quiet");
    assertEquals(2, r.exit(), r.err());
    assertTrue(r.err().contains("data.train.preprocessing[0].clip: no factory is bound for the preprocessing kind 'clip'"
        + " (com.acme.preprocessing.ClipSpec); add the Guice module that binds it to the job's plugins:"), r.err());
  }

  /** A small classifier of {@link ServingData} in {@code tmp/<name>/job.yaml}, next to its CSV files. */
  private Path job(String name, String plugins, String steps, ServingData train, ServingData eval) throws Exception {
    Path dir = Files.createDirectories(tmp.resolve(name));
    train.csv(dir.resolve("train.csv"));
    eval.csv(dir.resolve("eval.csv"));
    String yaml = """
        version: 1
        name: %s
        seed: 3
        %smodel:
          input: {shape: [4]}
          layers: [{dense: {units: 16, activation: relu}}, {dense: {units: 3}}]
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.02}}
        data:
          train: {csv: {path: train.csv, label: kind}%s, shuffle: 200, batch_size: 20}
          eval: {csv: {path: eval.csv, label: kind}, batch_size: 16}
        train: {steps: 20, log_every_steps: 1000, eval_every: 10}
        checkpoint: {every_steps: 10, keep: 1}
        export: {saved_model: true}
        """.formatted(name, plugins, steps);
    return Files.writeString(dir.resolve("job.yaml"), yaml);
  }

  private static String name(Path job) {
    return job.getParent().getFileName().toString();
  }

  /** The data with every feature clipped to [-0.5, 0.5] by hand, in float32 as the step does. */
  private static ServingData clip(ServingData data) {
    ServingData c = new ServingData(data.x.length, 0);
    for (int i = 0; i < data.x.length; i++) {
      for (int j = 0; j < data.x[i].length; j++) {
        c.x[i][j] = Math.min(Math.max(data.x[i][j], -0.5f), 0.5f);
      }
      c.label[i] = data.label[i];
    }
    return c;
  }

  private static Map<String, float[]> weights(Path run) throws Exception {
    return CheckpointValues.read(new Checkpoints(run.resolve("checkpoints"), 100, w -> {}).latest().orElseThrow());
  }

  private Predictions predict(Path model, Path input, String output) throws Exception {
    Path out = tmp.resolve(output);
    CliHarness.Run p = CliHarness.run("predict", model.toString(), "--input", input.toString(), "--output", out.toString());
    assertEquals(0, p.exit(), p.err());
    return Predictions.read(out, ServingData.CLASSES);
  }
}
