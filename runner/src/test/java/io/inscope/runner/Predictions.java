package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The rows {@code predict} wrote (CSV or JSON lines), and checks of them against labels. */
record Predictions(List<String> classes, long[] classIds, float[][] probabilities) {
  static Predictions read(Path file, List<String> classNames) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<String> classes = new ArrayList<>();
    List<Long> ids = new ArrayList<>();
    List<float[]> probs = new ArrayList<>();
    if (file.toString().endsWith(".jsonl")) {
      for (String line : lines) {
        JsonNode n = new ObjectMapper().readTree(line);
        classes.add(n.get("class").asText());
        ids.add(n.get("class_id").asLong());
        float[] p = new float[classNames.size()];
        for (int c = 0; c < p.length; c++) {
          p[c] = (float) n.get("probabilities").get(classNames.get(c)).asDouble();
        }
        probs.add(p);
      }
    } else {
      List<String> header = Arrays.asList(lines.get(0).split(","));
      List<String> expected = new ArrayList<>(List.of("class", "class_id"));
      classNames.forEach(c -> expected.add("probability_" + c));
      assertEquals(expected, header);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",");
        classes.add(f[0]);
        ids.add(Long.parseLong(f[1]));
        float[] p = new float[classNames.size()];
        for (int c = 0; c < p.length; c++) {
          p[c] = Float.parseFloat(f[2 + c]);
        }
        probs.add(p);
      }
    }
    return new Predictions(classes, ids.stream().mapToLong(Long::longValue).toArray(), probs.toArray(float[][]::new));
  }

  /** Checks each row is consistent (argmax, name, probabilities summing to 1); returns the accuracy and cross-entropy. */
  double[] accuracyAndLoss(int[] labels, List<String> classNames) {
    assertEquals(labels.length, classIds.length, "one row per example");
    int correct = 0;
    double loss = 0;
    for (int i = 0; i < labels.length; i++) {
      float[] p = probabilities[i];
      double sum = 0;
      int argmax = 0;
      for (int c = 0; c < p.length; c++) {
        sum += p[c];
        argmax = p[c] > p[argmax] ? c : argmax;
      }
      assertEquals(1.0, sum, 1e-5, "row " + i + " sums to 1");
      assertEquals(argmax, classIds[i], "row " + i + ": class_id is the likeliest class");
      assertEquals(classNames.get(argmax), classes.get(i), "row " + i + ": class is the name of class_id");
      correct += argmax == labels[i] ? 1 : 0;
      loss -= Math.log(Math.max(p[labels[i]], 1e-7));
    }
    assertTrue(labels.length > 0);
    return new double[] {correct / (double) labels.length, loss / labels.length};
  }

  static JsonNode json(String text) throws IOException {
    return new ObjectMapper().readTree(text.strip());
  }
}
