package io.inscope.runner;

import io.inscope.configs.JobSpec;
import io.inscope.modules.train.Outcome;
import io.inscope.modules.train.StepMetrics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/** The final line of a run: steps, time, and the last evaluation (or training) metrics. */
final class Summary {
  private Summary() {}

  static String line(JobSpec job, Outcome outcome, long millis, Path dir) {
    StepMetrics m = outcome.lastEval() != null ? outcome.lastEval() : outcome.lastTrain();
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "done: %s, %d steps in %.1f s", job.name(), outcome.steps(), millis / 1000.0));
    if (m != null) {
      s.append(String.format(Locale.ROOT, "; %s loss %.4f", m.split(), m.loss()));
      for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
        s.append(String.format(Locale.ROOT, ", %s %.4f", e.getKey(), e.getValue()));
      }
    }
    return s.append("; run directory ").append(dir).toString();
  }
}
