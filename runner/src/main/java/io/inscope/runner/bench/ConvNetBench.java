package io.inscope.runner.bench;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The convolutional networks of issue 19, the runner and Keras side by side in one run: the
 * TensorFlow layers-tutorial CNN (conv 32 5x5 same relu, max pool 2, conv 64 5x5 same relu, max
 * pool 2, flatten, dense 1024 relu, dropout 0.4, dense 10; Adam; batch 100) and ResNet-20
 * ({@code examples/fashion-mnist-resnet.yaml}, batch 128) on Fashion-MNIST, one epoch each (or
 * {@code steps}), once per precision. The runner trains through {@code JobSession} and
 * {@code Trainer} exactly as {@code runner.jar run}; Keras runs {@code tools/keras_convnets.py}
 * (the same models, {@code jit_compile=False}) with TensorFlow Python when it is installed, in a
 * child process, after the runner (never both at once).
 *
 * <p>Per row: ms per step (wall clock) and CPU ms per step (the process's CPU time, all threads:
 * comparable on a loaded machine, where the wall clock measures the other processes), both from
 * the end of step {@code warmup} to the last step; the whole training time; test accuracy after a
 * whole epoch.
 *
 * @param resnetJob the ResNet-20 job file
 * @param python TensorFlow Python's interpreter; Keras is skipped when it does not exist
 * @param script {@code tools/keras_convnets.py}
 * @param data the directory of Fashion-MNIST's idx files
 * @param steps training steps per model, 0 for one epoch
 * @param warmup steps before the timed window (rounded down to an execution boundary by the loop)
 * @param models which of {@code cnn}, {@code resnet20}
 * @param precisions job {@code precision} values to run each model with
 */
public record ConvNetBench(Path resnetJob, Path python, Path script, Path data, long steps, int warmup,
    List<String> models, List<String> precisions) {
  static final int CNN_BATCH = 100;

  /** The tutorial CNN as a job: the model of {@link CnnProfile} on Fashion-MNIST. */
  static String cnnYaml(Path data, long steps, String precision) {
    String idx = "      images: " + data.resolve("%s-images-idx%s-ubyte.gz") + "\n      labels: " + data.resolve("%s-labels-idx1-ubyte.gz") + "\n";
    return String.join("\n",
        "version: 1",
        "name: bench-cnn",
        "seed: 42",
        precision.equals("float32") ? "" : "precision: " + precision,
        "model:",
        "  input: {shape: [28, 28]}",
        "  layers:",
        "    - reshape: {target_shape: [28, 28, 1]}",
        CnnProfile.TUTORIAL_CNN,
        "data:",
        "  train:",
        "    idx:",
        String.format(Locale.ROOT, idx, "train", "3", "train").stripTrailing(),
        "    scale: 0.00392156862745098",
        "    shuffle: 60000",
        "    batch_size: " + CNN_BATCH,
        "  eval:",
        "    idx:",
        String.format(Locale.ROOT, idx, "t10k", "3", "t10k").stripTrailing(),
        "    scale: 0.00392156862745098",
        "    batch_size: 1000",
        "train:",
        steps > 0 ? "  steps: " + steps : "  epochs: 1",
        "  log_every_steps: 100",
        steps > 0 ? "  eval_every: never" : "  eval_every: epoch",
        "checkpoint: {every: never, keep: 1}",
        "");
  }

  public void run(PrintWriter out) throws Exception {
    boolean keras = Files.isExecutable(python) && Files.exists(script);
    out.println("Convolutional networks on Fashion-MNIST, one epoch" + (steps > 0 ? " cut to " + steps + " steps" : "")
        + "; ms/step and CPU ms/step after " + warmup + " warm-up steps (CPU: the process's CPU time, all threads)");
    if (!keras) {
      out.println("Keras: skipped (no TensorFlow Python at " + python + " or no " + script + ")");
    }
    out.println();
    out.println("| model | precision | loop | steps | ms/step | CPU ms/step | training s | test accuracy |");
    out.println("| --- | --- | --- | ---: | ---: | ---: | ---: | ---: |");
    out.flush();
    List<String> ratios = new ArrayList<>();
    for (String model : models) {
      for (String precision : precisions) {
        RunnerLoop.Result r = RunnerLoop.run(job(model, precision), warmup, new long[0], e -> {});
        Map<String, Double> eval = r.outcome().lastEval() == null ? Map.of() : r.outcome().lastEval().metrics();
        double runnerMs = 1000 / r.stepsPerSecond();
        row(out, model, precision, "runner", r.outcome().steps(), runnerMs, r.cpuMillisPerStep(), r.trainSeconds(),
            eval.get("accuracy"));
        if (keras) {
          Map<String, String> k = keras(model, precision);
          if (k.containsKey("error")) {
            out.println("| " + model + " | " + precision + " | Keras | failed: " + k.get("error") + " | | | | |");
          } else {
            double kerasMs = Double.parseDouble(k.get("ms_per_step"));
            double kerasCpu = Double.parseDouble(k.get("cpu_ms_per_step"));
            String acc = k.get("test_accuracy");
            row(out, model, precision, "Keras " + k.get("keras"), Long.parseLong(k.get("steps")), kerasMs, kerasCpu,
                Double.parseDouble(k.get("train_seconds")), acc == null || acc.equals("null") ? null : Double.parseDouble(acc));
            ratios.add(String.format(Locale.ROOT, "%s %s: runner / Keras %.2fx ms/step, %.2fx CPU ms/step",
                model, precision, runnerMs / kerasMs, r.cpuMillisPerStep() / kerasCpu));
          }
        }
        out.flush();
      }
    }
    out.println();
    ratios.forEach(out::println);
    out.flush();
  }

  private JobSpec job(String model, String precision) throws Exception {
    if (model.equals("cnn")) {
      return new JobLoader(Map.of()).loadResolved(cnnYaml(data, steps, precision), Path.of("bench-cnn.yaml")).spec();
    }
    List<String> overrides = new ArrayList<>(List.of("checkpoint={every: never, keep: 1}", "export={saved_model: false}"));
    if (steps > 0) {
      overrides.add("train={steps: " + steps + ", eval_every: never, log_every_steps: 100}");
    }
    if (!precision.equals("float32")) {
      overrides.add("precision=" + precision);
    }
    return new JobLoader(System.getenv()).load(resnetJob, overrides).spec();
  }

  private static void row(PrintWriter out, String model, String precision, String loop, long steps, double ms, double cpuMs,
      double seconds, Double accuracy) {
    out.printf(Locale.ROOT, "| %s | %s | %s | %d | %.1f | %.1f | %.1f | %s |%n", model, precision, loop, steps, ms, cpuMs, seconds,
        accuracy == null ? "-" : String.format(Locale.ROOT, "%.4f", accuracy));
  }

  private Map<String, String> keras(String model, String precision) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>(List.of(python.toString(), script.toString(), "--model", model,
        "--precision", precision, "--warmup", Integer.toString(warmup), "--data", data.toString()));
    if (steps > 0) {
      cmd.addAll(List.of("--steps", Long.toString(steps)));
    }
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    pb.environment().putIfAbsent("TF_CPP_MIN_LOG_LEVEL", "2");
    Process p = pb.start();
    String json = null;
    StringBuilder tail = new StringBuilder();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("{\"model\"")) {
          json = line;
        } else {
          tail.append(line).append('\n');
          if (tail.length() > 2000) {
            tail.delete(0, tail.length() - 2000);
          }
        }
      }
    }
    if (!p.waitFor(1, TimeUnit.HOURS) || p.exitValue() != 0 || json == null) {
      p.destroyForcibly();
      String last = tail.toString().strip();
      return Map.of("error", "exit " + (p.isAlive() ? "timeout" : p.exitValue()) + ": "
          + last.substring(last.lastIndexOf('\n') + 1));
    }
    return flatJson(json);
  }

  /** The scalars of a flat JSON object, as text ({@code null} stays "null"). */
  static Map<String, String> flatJson(String json) {
    Map<String, String> m = new java.util.HashMap<>();
    Matcher x = Pattern.compile("\"([^\"]+)\": (\"([^\"]*)\"|[^,}]+)").matcher(json);
    while (x.find()) {
      m.put(x.group(1), x.group(3) != null ? x.group(3) : x.group(2).trim());
    }
    return m;
  }
}
