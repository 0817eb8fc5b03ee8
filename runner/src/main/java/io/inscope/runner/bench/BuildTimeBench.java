package io.inscope.runner.bench;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.modules.train.TrainGraph;
import io.inscope.runner.UserException;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * How long a deep residual network takes to build (issue 14: a ResNet-50-sized graph, about 180
 * layers with batch normalization, its optimizer and {@code steps_per_execution}, must build in
 * under 5 s, growing linearly with depth). For each depth, a job of bottleneck blocks (conv 1x1,
 * batch norm, relu, conv 3x3, batch norm, relu, conv 1x1, batch norm, add, relu: 10 layers each)
 * after a stem (conv 7x7 stride 2, batch norm, relu, max pool) and before global average pooling
 * and a dense head, Adam, {@code steps_per_execution: 2}, on synthetic 64x64x3 images, is built
 * by {@link JobSession} exactly as {@code runner.jar run} builds it (the model, the chained
 * training steps with their gradients, the optimizer and its slots, evaluation, checkpoint ops).
 * Printed per depth: layers, graph nodes, the build's wall and CPU seconds (the building
 * thread's), then the session's first execution's wall and CPU seconds (the process's: opening
 * the session, initializing the variables, grappler's rewrite of the graph, one execution).
 *
 * @param blocks the numbers of bottleneck blocks to build, one job each
 */
public record BuildTimeBench(List<Integer> blocks) {
  static final int BATCH = 8;

  static String jobYaml(int blocks) {
    return String.join("\n",
        "version: 1",
        "name: bench-build-time",
        "seed: 42",
        "model:",
        "  input: {shape: [64, 64, 3]}",
        "  blocks:",
        "    bottleneck:",
        "      params: {filters: 16}",
        "      layers:",
        "        - conv2d: {filters: {param: filters}, kernel_size: 1, use_bias: false}",
        "        - batch_normalization",
        "        - activation: relu",
        "        - conv2d: {filters: {param: filters}, kernel_size: 3, padding: same, use_bias: false}",
        "        - batch_normalization",
        "        - activation: relu",
        "        - conv2d: {filters: 64, kernel_size: 1, use_bias: false}",
        "        - batch_normalization: {name: residual}",
        "        - add: {inputs: [residual, input]}",
        "        - activation: relu",
        "  layers:",
        "    - conv2d: {filters: 64, kernel_size: 7, strides: 2, padding: same, use_bias: false}",
        "    - batch_normalization",
        "    - activation: relu",
        "    - max_pool2d: {pool_size: 2}",
        "    - bottleneck: {filters: 16, repeat: " + blocks + "}",
        "    - global_average_pooling2d",
        "    - dense: {units: 10}",
        "loss: {sparse_categorical_crossentropy: {from_logits: true}}",
        "metrics: [accuracy]",
        "optimizer: adam",
        "data:",
        "  train: {synthetic: {examples: 64, classes: 10}, shuffle: 0, batch_size: " + BATCH + "}",
        "train:",
        "  steps: 2",
        "  steps_per_execution: 2",
        "  eval_every: never",
        "checkpoint: {every: never, keep: 1}",
        "");
  }

  public void run(PrintWriter out) throws Exception {
    out.println("Build time of residual networks (bottleneck blocks with batch norm, Adam, steps_per_execution 2),"
        + " built by JobSession as runner.jar run builds them:");
    out.println("| blocks | layers | graph nodes | build s (wall) | build s (CPU) | first execution s (wall) | first execution s (CPU) |");
    out.println("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    out.flush();
    measure(2, null); // class loading, the native library, Guice
    for (int b : blocks) {
      measure(b, out);
    }
    out.flush();
  }

  private static void measure(int blocks, PrintWriter out) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    JobSpec job = new JobLoader(Map.of()).loadResolved(jobYaml(blocks), Path.of("bench-build-time.yaml")).spec();
    long wall = System.nanoTime();
    long cpu = threads.getCurrentThreadCpuTime();
    try (JobSession js = JobSession.build(job, Injectors.forJob(job.plugins()))) {
      double buildWall = (System.nanoTime() - wall) / 1e9;
      double buildCpu = (threads.getCurrentThreadCpuTime() - cpu) / 1e9;
      TrainGraph g = js.step;
      com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
      long first = System.nanoTime();
      long firstCpu = os.getProcessCpuTime();
      Session session = js.session();
      try (TFloat32 features = TFloat32.tensorOf(g.features().shape());
          TFloat32 labels = TFloat32.tensorOf(g.labels().shape());
          TInt64 step = TInt64.scalarOf(0L);
          Result r = session.runner().feed(g.features(), features).feed(g.labels(), labels).feed(g.step(), step)
              .addTarget(g.trainOps().get(g.stepsPerExecution() - 1)).fetch(g.lossVector()).run()) {
        r.size();
      }
      double firstWall = (System.nanoTime() - first) / 1e9;
      double firstCpuSeconds = (os.getProcessCpuTime() - firstCpu) / 1e9;
      if (out != null) {
        out.printf(Locale.ROOT, "| %d | %d | %d | %.2f | %.2f | %.2f | %.2f |%n", blocks, job.model().layers().size(),
            js.graph.toGraphDef().getNodeCount(), buildWall, buildCpu, firstWall, firstCpuSeconds);
        out.flush();
      }
    } catch (UserException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
