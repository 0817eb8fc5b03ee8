package io.inscope.runner.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a finished (or still running) run directory says about itself, as {@code runner.jar report}
 * reads it: every line of {@code metrics.jsonl}, {@code job.resolved.yaml},
 * {@code provenance.json} and {@code confusion_matrix.csv} (the last three empty when absent).
 *
 * @param name how the report labels the run (the directory's name)
 * @param dir the run directory
 * @param points every metrics line, in file order
 * @param resolvedJob the text of job.resolved.yaml
 * @param provenance the fields of provenance.json, as text, in file order
 * @param confusionMatrix the rows of confusion_matrix.csv (the latest evaluation's), empty when
 *     absent
 */
public record RunRecord(String name, Path dir, List<Point> points, String resolvedJob, Map<String, String> provenance,
    List<List<String>> confusionMatrix) {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> NOT_METRICS = Set.of("split", "step", "epoch", "examples_per_sec", "time");

  /**
   * One metrics line.
   *
   * @param split {@code train} or {@code eval}
   * @param values {@code loss} and each metric, by name
   */
  public record Point(String split, long step, long epoch, Map<String, Double> values, double examplesPerSecond) {}

  public RunRecord {
    points = List.copyOf(points);
    provenance = Map.copyOf(provenance);
    confusionMatrix = List.copyOf(confusionMatrix);
  }

  public RunRecord(String name, Path dir, List<Point> points, String resolvedJob, Map<String, String> provenance) {
    this(name, dir, points, resolvedJob, provenance, List.of());
  }

  public static RunRecord read(Path dir) throws UserException, IOException {
    Path metrics = dir.resolve("metrics.jsonl");
    if (!Files.isRegularFile(metrics)) {
      throw new UserException(ExitCodes.USAGE, (Files.isDirectory(dir) ? metrics + ": no such file" : dir + ": no such run directory")
          + "; give the directory of a run (runner.jar run writes metrics.jsonl there)");
    }
    List<Point> points = new ArrayList<>();
    List<String> lines = Files.readAllLines(metrics);
    for (int i = 0; i < lines.size(); i++) {
      if (lines.get(i).isBlank()) {
        continue;
      }
      try {
        points.add(point(JSON.readTree(lines.get(i))));
      } catch (IOException | RuntimeException e) {
        // a run killed mid-write leaves a partial last line; every earlier line is whole
        if (i < lines.size() - 1) {
          throw new UserException(ExitCodes.USAGE, metrics + ":" + (i + 1) + ": not a metrics line (" + e.getMessage() + ")");
        }
      }
    }
    Path job = dir.resolve("job.resolved.yaml");
    Path provenance = dir.resolve("provenance.json");
    Map<String, String> fields = new LinkedHashMap<>();
    if (Files.isRegularFile(provenance)) {
      Iterator<Map.Entry<String, JsonNode>> it = JSON.readTree(provenance.toFile()).fields();
      it.forEachRemaining(e -> fields.put(e.getKey(), e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
    }
    Path name = dir.toAbsolutePath().normalize().getFileName();
    return new RunRecord(name == null ? dir.toString() : name.toString(), dir, points,
        Files.isRegularFile(job) ? Files.readString(job) : "", fields,
        ConfusionMatrixCsv.read(dir.resolve(ConfusionMatrixCsv.FILE)));
  }

  private static Point point(JsonNode n) {
    Map<String, Double> values = new LinkedHashMap<>();
    n.fields().forEachRemaining(e -> {
      if (!NOT_METRICS.contains(e.getKey()) && e.getValue().isNumber()) {
        values.put(e.getKey(), e.getValue().asDouble());
      }
    });
    return new Point(n.required("split").asText(), n.required("step").asLong(), n.path("epoch").asLong(),
        values, n.path("examples_per_sec").asDouble());
  }

  /**
   * The resolved job as dotted keys ({@code optimizer.adam.learning_rate}, {@code model.layers[1].dense.units})
   * to their values, in file order; empty when there is no job.resolved.yaml.
   */
  public Map<String, String> jobKeys() {
    Map<String, String> keys = new LinkedHashMap<>();
    if (!resolvedJob.isBlank()) {
      flatten("", new org.yaml.snakeyaml.Yaml(new org.yaml.snakeyaml.constructor.SafeConstructor(
          new org.yaml.snakeyaml.LoaderOptions())).load(resolvedJob), keys);
    }
    return keys;
  }

  private static void flatten(String path, Object value, Map<String, String> into) {
    if (value instanceof Map<?, ?> map && !map.isEmpty()) {
      map.forEach((k, v) -> flatten(path.isEmpty() ? String.valueOf(k) : path + "." + k, v, into));
    } else if (value instanceof List<?> list && !list.isEmpty()) {
      for (int i = 0; i < list.size(); i++) {
        flatten(path + "[" + i + "]", list.get(i), into);
      }
    } else {
      into.put(path, String.valueOf(value));
    }
  }

  /** The same run, labelled {@code name}. */
  public RunRecord named(String label) {
    return new RunRecord(label, dir, points, resolvedJob, provenance, confusionMatrix);
  }

  /** {@code loss} first, then every other metric, in the order they first appear. */
  public Set<String> metricNames() {
    Set<String> names = new LinkedHashSet<>();
    names.add("loss");
    points.forEach(p -> names.addAll(p.values().keySet()));
    return names;
  }

  /** The split's points as written (a resumed run may repeat the steps after its checkpoint). */
  public List<Point> split(String split) {
    return points.stream().filter(p -> p.split().equals(split)).toList();
  }

  /** The split's last point, or null when it has none. */
  public Point last(String split) {
    List<Point> s = split(split);
    return s.isEmpty() ? null : s.get(s.size() - 1);
  }
}
