package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inscope.modules.data.ClassNames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Labels as training reads them. CSV class names: ids come from the training split, are kept in the
 * run directory's classes.txt, and are what evaluation and resume use. Labels the loss cannot read
 * stop the job before its first step.
 */
class LabelsTest {
  private static final Path IRIS = Path.of("..", "examples", "data");
  private static final List<String> SPECIES = List.of("setosa", "versicolor", "virginica");

  @TempDir Path tmp;

  @Test
  void evalSplitLackingAClassIsScoredWithTheTrainingIds() throws Exception {
    // the Iris model is right on every held-out flower (accuracy 1.0 on all 30, README); numbered on
    // their own, the 20 held-out flowers without setosa would read versicolor as 0 and virginica as 1,
    // which scores 0.0
    Path job = job(copy("iris-train.csv", "train.csv", null), copy("iris-test.csv", "eval.csv", "setosa"), 600);
    Path out = tmp.resolve("out");
    CliHarness.Run r = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet");
    assertEquals(0, r.exit(), r.err());
    assertEquals(SPECIES, Files.readAllLines(out.resolve(ClassNames.FILE)));
    JsonNode eval = lastEval(out);
    assertEquals(1.0, eval.get("accuracy").asDouble(), 0.0, eval.toString());
  }

  @Test
  void resumeUsesTheSavedClassesAndFreshTakesThemFromTrainingAgain() throws Exception {
    Path train = copy("iris-train.csv", "train.csv", null);
    Path job = job(train, copy("iris-test.csv", "eval.csv", null), 100);
    Path out = tmp.resolve("out");
    CliHarness.Run first = CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet");
    assertEquals(0, first.exit(), first.err());
    assertEquals(SPECIES, Files.readAllLines(out.resolve(ClassNames.FILE)));

    // the training file loses its setosa rows: numbered afresh, versicolor would become 0 and the
    // held-out setosa rows an unknown label; the resumed run keeps the run's ids
    copy("iris-train.csv", "train.csv", "setosa");
    CliHarness.Run resumed = CliHarness.run("run", job.toString(), "--output", out.toString(), "--set", "train.steps=150");
    assertEquals(0, resumed.exit(), resumed.err());
    assertTrue(resumed.err().contains("resuming from"), resumed.err());
    assertEquals(SPECIES, Files.readAllLines(out.resolve(ClassNames.FILE)));

    CliHarness.Run fresh = CliHarness.run("run", job.toString(), "--output", out.toString(), "--fresh", "--set", "train.steps=150");
    assertEquals(ExitCodes.USAGE, fresh.exit(), fresh.err());
    Path eval = tmp.resolve("eval.csv").toAbsolutePath().normalize();
    assertTrue(fresh.err().contains("data.eval.csv: " + eval + ":" + firstLineOf(eval, "setosa")
        + ": column 'species': unknown label 'setosa': not a class of the training split (versicolor, virginica)"), fresh.err());
    assertFalse(fresh.err().contains("Exception"), fresh.err());
  }

  @Test
  void classIdOutsideTheOutputWidthStopsPlanAndRunBeforeTheFirstStep() throws Exception {
    // synthetic labels 0..3 against 3 outputs
    Path job = CliHarness.syntheticJob(tmp, "");
    Path out = tmp.resolve("out");
    for (List<String> command : List.of(List.of("plan"), List.of("run", "--output", out.toString()))) {
      List<String> args = new java.util.ArrayList<>(command);
      args.addAll(List.of(job.toString(), "--set", "model.layers[1].dense.units=3"));
      CliHarness.Run r = CliHarness.run(args.toArray(String[]::new));
      assertEquals(ExitCodes.USAGE, r.exit(), command + ": " + r.err());
      assertTrue(r.err().contains("data.train.synthetic: example ") && r.err().contains(": label 3 is out of range: "
          + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs; fix the "
          + "label, or give the last layer 4 units or more"), r.err());
      assertFalse(r.err().contains("Exception"), r.err());
    }
    assertFalse(Files.exists(out.resolve("metrics.jsonl")), "no step ran");
  }

  @Test
  void binaryCrossentropyOnProbabilitiesTrainsWithDropoutAfterTheSigmoidAndRefusesALinearOutput() throws Exception {
    // dropout scales kept sigmoid outputs by 2 while training: outputs above 1, which failed an
    // assertion ("internal error", exit 1) before Keras' clipped loss was computed here
    Path job = CliHarness.syntheticJob(tmp, "");
    String[] binary = {"--set", "data.train.synthetic.classes=2", "--set", "data.eval.synthetic.classes=2",
        "--set", "loss=binary_crossentropy", "--set", "train.steps=20",
        "--set", "model.layers=[{dense: {units: 16, activation: relu}}, {dense: {units: 1, activation: sigmoid}}, {dropout: {rate: 0.5}}]"};
    List<String> run = new java.util.ArrayList<>(List.of("run", job.toString(), "--quiet", "--output", tmp.resolve("out").toString()));
    run.addAll(List.of(binary));
    CliHarness.Run r = CliHarness.run(run.toArray(String[]::new));
    assertEquals(0, r.exit(), r.err());

    List<String> check = new java.util.ArrayList<>(List.of("check", job.toString()));
    check.addAll(List.of(binary));
    check.addAll(List.of("--set", "model.layers=[{dense: {units: 1}}]"));
    CliHarness.Run c = CliHarness.run(check.toArray(String[]::new));
    assertEquals(ExitCodes.USAGE, c.exit(), c.err());
    assertTrue(c.err().contains("binary_crossentropy reads probabilities (from_logits: false) but the model's output is "
        + "linear (model.layers[0].dense has no activation); set from_logits: true, or add activation: sigmoid to the "
        + "last layer"), c.err());
  }

  @Test
  void evaluateChecksTheLabelsOfOtherFilesToo() throws Exception {
    Path train = numeric(copy("iris-train.csv", "train.csv", null));
    Path job = job(train, numeric(copy("iris-test.csv", "eval.csv", null)), 50);
    Path out = tmp.resolve("out");
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", out.toString(), "--quiet").exit());
    List<String> lines = new java.util.ArrayList<>(Files.readAllLines(tmp.resolve("eval.csv")));
    lines.set(3, lines.get(3).replaceAll(",\\d$", ",3"));
    Path other = Files.write(tmp.resolve("other.csv"), lines);
    CliHarness.Run r = CliHarness.run("evaluate", out.toString(), "--data", other.toString());
    assertEquals(ExitCodes.USAGE, r.exit(), r.err());
    assertTrue(r.err().contains(other.toAbsolutePath().normalize() + ":4: column 'species': label 3 is out of range: "
        + "sparse_categorical_crossentropy reads class ids, whole numbers in [0, 3) for the model's 3 outputs"), r.err());
  }

  /** The species as class ids 0, 1, 2. */
  private static Path numeric(Path csv) throws IOException {
    List<String> lines = Files.readAllLines(csv).stream()
        .map(line -> {
          for (int i = 0; i < SPECIES.size(); i++) {
            line = line.replace("," + SPECIES.get(i), "," + i);
          }
          return line;
        }).toList();
    return Files.write(csv, lines);
  }

  private Path job(Path train, Path eval, int steps) throws IOException {
    return Files.writeString(tmp.resolve("job.yaml"), """
        version: 1
        name: iris
        seed: 42
        model:
          input: {shape: [4]}
          layers:
            - dense: {units: 16, activation: relu}
            - dense: {units: 3}
        loss: {sparse_categorical_crossentropy: {from_logits: true}}
        metrics: [accuracy]
        optimizer: {adam: {learning_rate: 0.01}}
        data:
          train: {csv: {path: %s, label: species}, shuffle: 120, batch_size: 12}
          eval: {csv: {path: %s, label: species}, batch_size: 30}
        train: {steps: %d, eval_every: 50}
        checkpoint: {every_steps: 100, keep: 1}
        tensorboard: {enabled: false}
        """.formatted(train.getFileName(), eval.getFileName(), steps));
  }

  /** Copies an Iris file into the test directory, without the rows of {@code dropSpecies}. */
  private Path copy(String from, String to, String dropSpecies) throws IOException {
    List<String> lines = Files.readAllLines(IRIS.resolve(from));
    return Files.write(tmp.resolve(to), lines.stream()
        .filter(line -> dropSpecies == null || !line.endsWith("," + dropSpecies))
        .collect(Collectors.toList()));
  }

  private static int firstLineOf(Path csv, String species) throws IOException {
    List<String> lines = Files.readAllLines(csv);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).endsWith("," + species)) {
        return i + 1;
      }
    }
    throw new AssertionError(species + " not in " + csv);
  }

  private static JsonNode lastEval(Path out) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<String> lines = Files.lines(out.resolve("metrics.jsonl"))) {
      List<JsonNode> evals = lines.map(line -> {
        try {
          return json.readTree(line);
        } catch (IOException e) {
          throw new AssertionError(e);
        }
      }).filter(n -> n.get("split").asText().equals("eval")).toList();
      return evals.get(evals.size() - 1);
    }
  }
}
