package io.inscope.runner.bench;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StepsPerExecution;
import io.inscope.modules.data.Examples;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.tensorflow.proto.ConfigProto;

/**
 * The throughput benchmark: in one process, the runner's loop and a hand-written TensorFlow Java
 * loop on the same MLPs and examples (best of several alternating repeats, as other processes
 * share the machine), the MatMul peak and the fraction of it reached, the Fashion-MNIST MLP's
 * training time, the time from JVM start to the first step, and resident memory over a long run.
 *
 * @param steps timed steps per repeat for MLP-A (MLP-B runs a fifteenth of them)
 * @param repeats alternating repeats of each loop; the best counts
 * @param stepsPerExecution the runner's {@code train.steps_per_execution} (auto: timing windows
 *     rounded to {@value StepsPerExecution#AUTO_MAX} steps)
 * @param memorySteps steps of the resident-memory run (0 skips it); sampled at 10,000 and at the end
 * @param fashion the Fashion-MNIST job file, or null to skip it
 */
public record Bench(int steps, int repeats, StepsPerExecution stepsPerExecution, long memorySteps, Path fashion, int intraOp, int interOp) {

  public void run(PrintWriter out) throws Exception {
    ConfigProto config = ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(intraOp).setInterOpParallelismThreads(interOp).build();
    long jvmStart = ManagementFactory.getRuntimeMXBean().getStartTime();
    // the first thing this JVM trains: MLP-A as a default job (one step per execution)
    long firstStep = RunnerLoop.run(new Bench(steps, repeats, StepsPerExecution.of(1), 0, null, intraOp, interOp).job(Mlp.A, 1), 1, new long[0], e -> {})
        .firstStepMillis();
    out.printf(Locale.ROOT, "%d cores, Java %s, TensorFlow Java 1.1.0, threads intra_op=%d inter_op=%d, runner steps_per_execution=%s%n",
        Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), intraOp, interOp, stepsPerExecution);
    // other processes share the machine: the best of before and after the loops
    double peakBefore = MatMulPeak.gflops(config, 2048, 5);
    double[][] rates = new double[2][2];
    List<Mlp> models = List.of(Mlp.A, Mlp.B);
    for (int m = 0; m < models.size(); m++) {
      Mlp mlp = models.get(m);
      int timed = round(m == 0 ? steps : Math.max(chained(), steps / 15));
      int warmup = round(Math.max(chained(), timed / 10));
      for (int r = 0; r < repeats; r++) {
        AtomicReference<Examples> examples = new AtomicReference<>();
        RunnerLoop.Result runner = RunnerLoop.run(job(mlp, warmup + timed), warmup, new long[0], examples::set);
        rates[m][0] = Math.max(rates[m][0], HandWrittenLoop.stepsPerSecond(mlp, examples.get(), config, warmup, timed));
        rates[m][1] = Math.max(rates[m][1], runner.stepsPerSecond());
      }
    }
    double peak = Math.max(peakBefore, MatMulPeak.gflops(config, 2048, 5));
    out.printf(Locale.ROOT, "MatMul peak (fp32, 2048x2048 by 2048x2048): %.1f GFLOP/s%n%n", peak);
    out.println("| model | shape | batch | loop | steps/s | GFLOP/s | of peak |");
    out.println("| --- | --- | --- | --- | ---: | ---: | ---: |");
    for (int m = 0; m < models.size(); m++) {
      Mlp mlp = models.get(m);
      String[] loops = {"hand-written TF Java", "runner (steps_per_execution " + stepsPerExecution + ")"};
      for (int l = 0; l < 2; l++) {
        double gflops = rates[m][l] * mlp.flopsPerStep() / 1e9;
        out.printf(Locale.ROOT, "| %s | %s | %d | %s | %.1f | %.1f | %.0f%% |%n",
            mlp.name(), mlp.shape(), mlp.batch(), loops[l], rates[m][l], gflops, 100 * gflops / peak);
      }
      out.printf(Locale.ROOT, "| %s | | | runner / hand-written | %.3fx | | |%n", mlp.name(), rates[m][1] / rates[m][0]);
      out.printf(Locale.ROOT, "| %s | | | ceiling at peak | %.1f | | |%n", mlp.name(), peak * 1e9 / mlp.flopsPerStep());
    }
    out.println();
    out.printf(Locale.ROOT, "JVM start to first training step (MLP-A, steps_per_execution 1, first job of this JVM): %.2f s%n",
        (firstStep - jvmStart) / 1000.0);
    if (fashion != null) {
      fashion(out);
    }
    if (memorySteps > 0) {
      memory(out);
    }
    out.flush();
  }

  private void fashion(PrintWriter out) throws Exception {
    if (!Files.exists(fashion)) {
      out.println("Fashion-MNIST MLP: skipped (" + fashion + " not found)");
      return;
    }
    JobSpec job = new JobLoader(System.getenv()).load(fashion, List.of(
        "train.steps_per_execution=" + stepsPerExecution, "export.saved_model=false",
        "train.threads={intra_op: " + intraOp + ", inter_op: " + interOp + "}")).spec();
    RunnerLoop.Result r = RunnerLoop.run(job, chained(), new long[0], e -> {});
    Map<String, Double> eval = r.outcome().lastEval() == null ? Map.of() : r.outcome().lastEval().metrics();
    out.printf(Locale.ROOT, "Fashion-MNIST MLP (%s), %d steps: training %.2f s (Trainer.run: every epoch's evaluation and checkpoint included), %.1f steps/s, eval accuracy %.4f%n",
        fashion, r.outcome().steps(), r.trainSeconds(), r.stepsPerSecond(), eval.getOrDefault("accuracy", Double.NaN));
  }

  private void memory(PrintWriter out) throws Exception {
    long early = Math.min(10_000, memorySteps);
    RunnerLoop.Result r = RunnerLoop.run(job(Mlp.A, memorySteps), round(1000), new long[] {early, memorySteps}, e -> {});
    long a = r.rssKib().getOrDefault(early, -1L);
    long b = r.rssKib().getOrDefault(memorySteps, -1L);
    out.printf(Locale.ROOT, "Resident memory, MLP-A runner loop: %.1f MiB after %d steps, %.1f MiB after %d steps (%+.1f%%); %.1f steps/s over the run%n",
        a / 1024.0, early, b / 1024.0, memorySteps, 100.0 * (b - a) / a, r.stepsPerSecond());
  }

  private JobSpec job(Mlp mlp, long totalSteps) throws Exception {
    String yaml = mlp.jobYaml(totalSteps, stepsPerExecution, mlp.batch() * 64, intraOp, interOp);
    return new JobLoader(Map.of()).loadResolved(yaml, Path.of("bench.yaml")).spec();
  }

  /** The most steps one execution runs. */
  private int chained() {
    return stepsPerExecution.auto() ? StepsPerExecution.AUTO_MAX : stepsPerExecution.fixed();
  }

  /** Rounds up to a multiple of steps_per_execution, so timing windows start between executions. */
  private int round(int n) {
    return (n + chained() - 1) / chained() * chained();
  }
}
