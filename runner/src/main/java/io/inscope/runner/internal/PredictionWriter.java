package io.inscope.runner.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes one row per example, as CSV ({@code .csv}) or JSON lines ({@code .jsonl}).
 *
 * <p>Classification: {@code class} (name), {@code class_id} and the probability of every class
 * ({@code probability_<name>} columns; in JSON a {@code probabilities} object by name), or with
 * top-k the k likeliest ({@code top1_class, top1_class_id, top1_probability, ...}; in JSON a {@code
 * top_k} list). A binary model's one probability p becomes the two classes' 1 - p and p.
 * Regression: {@code prediction} (or {@code prediction_0 ...} for several outputs; in JSON a number
 * or a list). Numbers are written as Java's shortest decimal form of the float.
 */
public final class PredictionWriter implements Closeable {
  private static final ObjectMapper JSON = new ObjectMapper();
  private final BufferedWriter out;
  private final boolean json;
  private final List<String> classNames;
  private final int topK;
  private boolean headerDone;

  /**
   * @param classNames empty for regression
   * @param topK 0 for every class
   */
  public PredictionWriter(Path file, List<String> classNames, int topK) throws IOException {
    String name = file.getFileName().toString();
    this.json = name.endsWith(".jsonl");
    if (!json && !name.endsWith(".csv")) {
      throw new IllegalArgumentException("--output: name the file .csv or .jsonl (got " + file + ")");
    }
    this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    this.classNames = classNames;
    this.topK = Math.min(topK, classNames.size());
  }

  /** One classified example: its predicted class and each class's probability. */
  public void classified(String className, long classId, float[] probabilities) throws IOException {
    if (!headerDone && !json) {
      List<String> h = new ArrayList<>(List.of("class", "class_id"));
      if (topK > 0) {
        for (int k = 1; k <= topK; k++) {
          h.addAll(List.of("top" + k + "_class", "top" + k + "_class_id", "top" + k + "_probability"));
        }
      } else {
        classNames.forEach(c -> h.add("probability_" + c));
      }
      line(h);
    }
    headerDone = true;
    if (json) {
      ObjectNode row = JSON.createObjectNode().put("class", className).put("class_id", classId);
      if (topK > 0) {
        ArrayNode top = row.putArray("top_k");
        for (int c : ranked(probabilities)) {
          top.addObject().put("class", classNames.get(c)).put("class_id", c).put("probability", probabilities[c]);
        }
      } else {
        ObjectNode p = row.putObject("probabilities");
        for (int c = 0; c < probabilities.length; c++) {
          p.put(classNames.get(c), probabilities[c]);
        }
      }
      out.write(JSON.writeValueAsString(row));
      out.write('\n');
      return;
    }
    List<String> fields = new ArrayList<>(List.of(className, Long.toString(classId)));
    if (topK > 0) {
      for (int c : ranked(probabilities)) {
        fields.addAll(List.of(classNames.get(c), Integer.toString(c), Float.toString(probabilities[c])));
      }
    } else {
      for (float p : probabilities) {
        fields.add(Float.toString(p));
      }
    }
    line(fields);
  }

  /** One regression example: the model's output values. */
  public void regressed(float[] values) throws IOException {
    if (json) {
      ObjectNode row = JSON.createObjectNode();
      if (values.length == 1) {
        row.put("prediction", values[0]);
      } else {
        ArrayNode a = row.putArray("prediction");
        for (float v : values) {
          a.add(v);
        }
      }
      out.write(JSON.writeValueAsString(row));
      out.write('\n');
      return;
    }
    if (!headerDone) {
      List<String> h = new ArrayList<>();
      for (int i = 0; i < values.length; i++) {
        h.add(values.length == 1 ? "prediction" : "prediction_" + i);
      }
      line(h);
      headerDone = true;
    }
    List<String> fields = new ArrayList<>();
    for (float v : values) {
      fields.add(Float.toString(v));
    }
    line(fields);
  }

  /** The class indices by falling probability (ties: lower id first), the first {@code topK}. */
  private int[] ranked(float[] p) {
    Integer[] order = new Integer[p.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    java.util.Arrays.sort(order, (a, b) -> p[a] != p[b] ? Float.compare(p[b], p[a]) : Integer.compare(a, b));
    int[] top = new int[topK];
    for (int i = 0; i < topK; i++) {
      top[i] = order[i];
    }
    return top;
  }

  private void line(List<String> fields) throws IOException {
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        out.write(',');
      }
      String f = fields.get(i);
      boolean quote = f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r");
      out.write(quote ? "\"" + f.replace("\"", "\"\"") + "\"" : f);
    }
    out.write('\n');
  }

  @Override
  public void close() throws IOException {
    out.close();
  }
}
