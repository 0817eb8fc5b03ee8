package io.inscope.runner;

import io.inscope.modules.train.Outcome;
import io.inscope.modules.train.StepMetrics;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The final line of a run (steps, time, and the last evaluation or training metrics) and the table
 * of a command that ran several jobs.
 */
final class Summary {
  private Summary() {}

  static String line(String name, Outcome outcome, long millis, Path dir) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "done: %s, %d steps in %.1f s", name, outcome.steps(), millis / 1000.0));
    if (outcome.stoppedEarly() != null) {
      s.append(" (").append(outcome.stoppedEarly()).append(')');
    }
    String m = metrics(outcome);
    if (!m.isEmpty()) {
      s.append("; ").append(m);
    }
    return s.append("; run directory ").append(dir).toString();
  }

  /** The last evaluation's (or else training's) metrics, e.g. {@code eval loss 0.0684, accuracy 0.9688}. */
  static String metrics(Outcome outcome) {
    StepMetrics m = outcome.lastEval() != null ? outcome.lastEval() : outcome.lastTrain();
    if (m == null) {
      return "";
    }
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%s loss %.4f", m.split(), m.loss()));
    for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
      s.append(String.format(Locale.ROOT, ", %s %.4f", e.getKey(), e.getValue()));
    }
    return s.toString();
  }

  /** The table printed after a command that ran several jobs: one row per job. */
  static String table(List<JobResult> results) {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"job", "exit", "status", "steps", "time", "run directory", "final metrics"});
    for (JobResult r : results) {
      rows.add(new String[] {
        r.label(),
        r.exit() == JobResult.NOT_STARTED ? "-" : Integer.toString(r.exit()),
        r.status(),
        r.steps() < 0 ? "-" : Long.toString(r.steps()),
        String.format(Locale.ROOT, "%.1f s", r.seconds()),
        r.dir() == null ? "-" : r.dir().toString(),
        r.metrics().isEmpty() ? "-" : r.metrics()});
    }
    int[] width = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        width[i] = Math.max(width[i], row[i].length());
      }
    }
    StringBuilder s = new StringBuilder();
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        s.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + width[i] + "s  ", row[i]));
      }
      s.append(System.lineSeparator());
    }
    return s.toString();
  }
}
