package io.inscope.runner.bench;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StepsPerExecution;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * {@code bench --whole-runs}: whole runs of one job for each {@code train.steps_per_execution} value
 * (e.g. 1, 16, auto), in one process, alternating, {@code repeats} times: the wall clock and the
 * process's CPU time from before the graph is built to the end of training, so the cost of a larger
 * graph and of {@code auto}'s measurement counts, not only the steps. An untimed short run first
 * takes TensorFlow's start-up and class loading out of the first timed one. Prints the best of the
 * repeats for each value, and the length {@code auto} chose with what it measured.
 *
 * @param job the job file (its {@code train.steps_per_execution} and {@code train.steps} are overridden)
 * @param steps training steps of each run
 */
public record WholeRunsBench(Path job, List<StepsPerExecution> values, long steps, int repeats) {
  public WholeRunsBench {
    values = List.copyOf(values);
  }

  public void run(PrintWriter out) throws Exception {
    out.printf(Locale.ROOT, "Whole runs of %s, %d steps each, steps_per_execution %s; best of %d, alternating%n%n",
        job, steps, values.stream().map(Object::toString).collect(Collectors.joining(", ")), repeats);
    out.flush();
    RunnerLoop.whole(spec(StepsPerExecution.of(1), Math.min(steps, 50)));
    Map<String, RunnerLoop.Whole> best = new LinkedHashMap<>();
    Map<String, List<Integer>> chosen = new LinkedHashMap<>();
    for (int r = 0; r < repeats; r++) {
      for (StepsPerExecution v : values) {
        RunnerLoop.Whole w = RunnerLoop.whole(spec(v, steps));
        String key = v.toString();
        best.merge(key, w, (a, b) -> b.cpuSeconds() < a.cpuSeconds() ? b : a);
        chosen.computeIfAbsent(key, k -> new ArrayList<>()).add(w.chosen());
        out.printf(Locale.ROOT, "  repeat %d, %s: %.2f s wall, %.2f s CPU%s%n", r + 1, key, w.seconds(), w.cpuSeconds(),
            v.auto() ? ", auto: " + describe(w) : "");
        out.flush();
      }
    }
    out.println();
    out.println("| steps_per_execution | wall s | CPU s | CPU ms/step | auto chose |");
    out.println("| --- | ---: | ---: | ---: | --- |");
    best.forEach((key, w) -> out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %.3f | %s |%n", key, w.seconds(), w.cpuSeconds(),
        1000 * w.cpuSeconds() / steps, key.equals("auto") ? chosen.get(key).stream()
            .map(c -> c == 0 ? "1 (one step built)" : c.toString()).collect(Collectors.joining(", ")) : ""));
    out.println("(best = least CPU of the repeats; the wall clock is the same run's)");
    out.flush();
  }

  private static String describe(RunnerLoop.Whole w) {
    if (w.chosen() == 0) {
      return "one step per run (no measurement: the graph holds one step)";
    }
    return w.chosen() + " (µs per step: " + new java.util.TreeMap<>(w.nanosPerStep()).entrySet().stream()
        .map(e -> e.getKey() + ": " + String.format(Locale.ROOT, "%.1f", e.getValue() / 1000.0))
        .collect(Collectors.joining(", ")) + ")";
  }

  private JobSpec spec(StepsPerExecution v, long n) throws Exception {
    return new JobLoader(System.getenv()).load(job, List.of("train.steps_per_execution=" + v, "train.steps=" + n,
        "export.saved_model=false", "tensorboard.enabled=false")).spec();
  }
}
