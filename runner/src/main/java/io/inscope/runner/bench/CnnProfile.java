package io.inscope.runner.bench;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.modules.train.TrainGraph;
import io.inscope.runner.UserException;
import io.inscope.runner.internal.Injectors;
import io.inscope.runner.internal.JobSession;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.AttrValue;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.RunMetadata;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * The per-op profile of one training step of the TensorFlow layers-tutorial CNN (issue 19): the
 * job is built by {@link JobSession} and its step run exactly as {@code Executions} runs a full
 * execution (same feeds, target and fetches), after some warm-up steps, once more with a
 * {@code FULL_TRACE} and the partition graphs. Prints the kernels that ran, aggregated by op
 * type: count, the sum of their {@code all_start..all_end} durations and that sum's share of all
 * ops' (CPU time, not wall time: ops on different threads overlap), and the op types of the graph
 * that grappler handed to the executor.
 *
 * @param warmup steps run before the traced one
 * @param intraOp {@code train.threads.intra_op}
 * @param interOp {@code train.threads.inter_op}
 * @param export where to write the step's graph for {@code tools/run_exported_step.py}, or null:
 *     {@code graph.pb} (the GraphDef as built), {@code config.pb} (the session's ConfigProto),
 *     {@code step.json} (feed, fetch, target and initializer names) and the feeds as raw
 *     little-endian {@code features.f32}, {@code labels.f32}
 */
public record CnnProfile(int warmup, int intraOp, int interOp, String precision, Path export) {
  public CnnProfile(int warmup, int intraOp, int interOp) {
    this(warmup, intraOp, interOp, "float32", null);
  }

  public CnnProfile(int warmup, int intraOp, int interOp, String precision) {
    this(warmup, intraOp, interOp, precision, null);
  }

  static final int BATCH = 100;

  /**
   * The tutorial CNN's layers after its 28x28x1 input, its loss, metric and optimizer, as job
   * lines: conv 32 5x5, pool, conv 64 5x5, pool, dense 1024, dropout 0.4, dense 10; Adam 0.001.
   */
  static final String TUTORIAL_CNN = String.join("\n",
      "    - conv2d: {filters: 32, kernel_size: 5, padding: same, activation: relu}",
      "    - max_pool2d: {pool_size: 2}",
      "    - conv2d: {filters: 64, kernel_size: 5, padding: same, activation: relu}",
      "    - max_pool2d: {pool_size: 2}",
      "    - flatten",
      "    - dense: {units: 1024, activation: relu}",
      "    - dropout: 0.4",
      "    - dense: {units: 10}",
      "loss: {sparse_categorical_crossentropy: {from_logits: true}}",
      "metrics: [accuracy]",
      "optimizer: {adam: {learning_rate: 0.001}}");

  /** The tutorial CNN on 28x28x1 synthetic images, one step per execution, Adam, batch 100. */
  static String jobYaml(int intraOp, int interOp, String precision) {
    return String.join("\n",
        "version: 1",
        "name: bench-cnn-profile",
        "seed: 42",
        "precision: " + precision,
        "model:",
        "  input: {shape: [28, 28, 1]}",
        "  layers:",
        TUTORIAL_CNN,
        "data:",
        "  train: {synthetic: {examples: 1000, classes: 10}, shuffle: 0, batch_size: " + BATCH + "}",
        "train:",
        "  steps: 100",
        "  steps_per_execution: 1",
        "  eval_every: never",
        "  threads: {intra_op: " + intraOp + ", inter_op: " + interOp + "}",
        "checkpoint: {every: never, keep: 1}",
        "");
  }

  public void run(PrintWriter out) throws Exception {
    JobSpec job = new JobLoader(Map.of()).loadResolved(jobYaml(intraOp, interOp, precision), Path.of("bench-cnn.yaml")).spec();
    try (JobSession js = JobSession.build(job, Injectors.forJob(job.plugins()))) {
      TrainGraph g = js.step;
      Session session = js.session();
      Shape fs = g.features().shape();
      Shape ls = g.labels().shape();
      Random random = new Random(42);
      try (TFloat32 features = TFloat32.tensorOf(fs); TFloat32 labels = TFloat32.tensorOf(ls);
          TInt64 step = TInt64.scalarOf(0L)) {
        long n = fs.size();
        for (long i = 0; i < n; i++) {
          features.setFloat(random.nextFloat(), coords(fs, i));
        }
        for (long i = 0; i < ls.size(); i++) {
          labels.setFloat(random.nextInt(10), coords(ls, i));
        }
        if (export != null) {
          export(js, g, features, labels);
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
            java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = 0;
        long wall0 = 0;
        int timedFrom = warmup / 2;
        for (int i = 0; i < warmup; i++) {
          if (i == timedFrom) {
            cpu0 = os.getProcessCpuTime();
            wall0 = System.nanoTime();
          }
          step.setLong(i);
          try (Result r = runner(session, g, features, labels, step).run()) {
            r.size();
          }
        }
        if (warmup - timedFrom >= 2) {
          out.printf(Locale.ROOT, "untraced steps %d..%d: %.1f ms/step, %.1f CPU ms/step (process, all threads)%n", timedFrom + 1, warmup,
              (System.nanoTime() - wall0) / 1e6 / (warmup - timedFrom), (os.getProcessCpuTime() - cpu0) / 1e6 / (warmup - timedFrom));
        }
        step.setLong(warmup);
        RunOptions options = RunOptions.newBuilder()
            .setTraceLevel(RunOptions.TraceLevel.FULL_TRACE).setOutputPartitionGraphs(true).build();
        long t0 = System.nanoTime();
        RunMetadata meta;
        float loss;
        try (Result r = runner(session, g, features, labels, step).setOptions(options).runAndFetchMetadata()) {
          meta = r.getMetadata().orElseThrow(() -> new IllegalStateException("no RunMetadata returned"));
          TFloat32 losses = (TFloat32) r.get(0);
          loss = losses.shape().numDimensions() == 0 ? losses.getFloat() : losses.getFloat(losses.shape().size(0) - 1);
        }
        out.printf(Locale.ROOT, "precision %s; loss of the traced step (step %d): %.6f%n", precision, warmup + 1, loss);
        double tracedMs = (System.nanoTime() - t0) / 1e6;
        print(out, job, meta, tracedMs, js.graph.toGraphDef());
      }
    } catch (UserException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
    out.flush();
  }

  private static Session.Runner runner(Session session, TrainGraph g, TFloat32 f, TFloat32 l, TInt64 step) {
    Session.Runner r = session.runner().feed(g.features(), f).feed(g.labels(), l).feed(g.step(), step)
        .addTarget(g.trainOps().get(g.stepsPerExecution() - 1)).fetch(g.lossVector());
    for (Operand<TFloat32> v : g.metricVectors()) {
      r.fetch(v);
    }
    return r;
  }

  private void export(JobSession js, TrainGraph g, TFloat32 features, TFloat32 labels) throws java.io.IOException {
    java.nio.file.Files.createDirectories(export);
    java.nio.file.Files.write(export.resolve("graph.pb"), js.graph.toGraphDef().toByteArray());
    java.nio.file.Files.write(export.resolve("config.pb"),
        new io.inscope.modules.cluster.LocalSystem().sessionConfig(js.job).toByteArray());
    List<String> inits = new ArrayList<>();
    js.graph.operations().forEachRemaining(op -> {
      if (js.graph.isInitializer(op)) {
        inits.add(op.name());
      }
    });
    List<String> fetches = new ArrayList<>();
    fetches.add(g.lossVector().op().name());
    for (Operand<TFloat32> v : g.metricVectors()) {
      fetches.add(v.op().name());
    }
    String json = String.format(Locale.ROOT,
        "{\"features\": \"%s\", \"features_shape\": %s, \"labels\": \"%s\", \"labels_shape\": %s, \"step\": \"%s\","
            + " \"target\": \"%s\", \"fetches\": %s, \"initializers\": %s}%n",
        g.features().op().name(), java.util.Arrays.toString(g.features().shape().asArray()),
        g.labels().op().name(), java.util.Arrays.toString(g.labels().shape().asArray()), g.step().op().name(),
        g.trainOps().get(g.stepsPerExecution() - 1).op().name(), quoted(fetches), quoted(inits));
    java.nio.file.Files.writeString(export.resolve("step.json"), json);
    java.nio.file.Files.write(export.resolve("features.f32"), raw(features));
    java.nio.file.Files.write(export.resolve("labels.f32"), raw(labels));
  }

  private static String quoted(List<String> names) {
    return names.stream().map(n -> "\"" + n + "\"").collect(java.util.stream.Collectors.joining(", ", "[", "]"));
  }

  private static byte[] raw(TFloat32 t) {
    long n = t.shape().size();
    java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate((int) n * 4).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    for (long i = 0; i < n; i++) {
      b.putFloat(t.getFloat(coords(t.shape(), i)));
    }
    return b.array();
  }

  private static long[] coords(Shape s, long flat) {
    long[] c = new long[s.numDimensions()];
    for (int d = c.length - 1; d >= 0; d--) {
      c[d] = flat % s.size(d);
      flat /= s.size(d);
    }
    return c;
  }

  /** One row of the table: an op type on a device. */
  private static final class Row {
    final String op;
    int count;
    long micros;

    Row(String op) {
      this.op = op;
    }
  }

  static String opType(NodeExecStats s) {
    String label = s.getTimelineLabel();
    int eq = label.indexOf(" = ");
    int paren = label.indexOf('(', Math.max(eq, 0));
    if (eq >= 0 && paren > eq) {
      return label.substring(eq + 3, paren).trim();
    }
    return label.isEmpty() ? "(" + s.getNodeName() + ")" : label;
  }

  private void print(PrintWriter out, JobSpec job, RunMetadata meta, double tracedMs, GraphDef built) {
    Map<String, Row> rows = new HashMap<>();
    long total = 0;
    int nodes = 0;
    long first = Long.MAX_VALUE;
    long last = 0;
    for (DeviceStepStats dev : meta.getStepStats().getDevStatsList()) {
      for (NodeExecStats s : dev.getNodeStatsList()) {
        if (s.getNodeName().equals("_SOURCE")) {
          continue;
        }
        String op = opType(s);
        Row row = rows.computeIfAbsent(op, Row::new);
        long micros = Math.max(0, s.getAllEndRelMicros());
        row.count++;
        row.micros += micros;
        total += micros;
        nodes++;
        first = Math.min(first, s.getAllStartMicros());
        last = Math.max(last, s.getAllStartMicros() + s.getAllEndRelMicros());
      }
    }
    List<Row> sorted = new ArrayList<>(rows.values());
    sorted.sort((a, b) -> a.micros != b.micros ? Long.compare(b.micros, a.micros) : a.op.compareTo(b.op));
    out.printf(Locale.ROOT, "CNN step profile (conv 32 5x5 same relu, max pool 2, conv 64 5x5 same relu, max pool 2, flatten,"
        + " dense 1024 relu, dropout 0.4, dense 10; Adam; batch %d), threads intra_op=%d inter_op=%d, %d warm-up steps%n",
        BATCH, intraOp, interOp, warmup);
    out.printf(Locale.ROOT, "session config: %s%n", oneLine(new io.inscope.modules.cluster.LocalSystem().sessionConfig(job).toString()));
    out.printf(Locale.ROOT, "traced step: %d kernels executed on %d device(s), first start to last end %.1f ms,"
        + " Session.run with tracing %.1f ms; sum of kernel times %.1f ms%n",
        nodes, meta.getStepStats().getDevStatsCount(), (last - first) / 1000.0, tracedMs, total / 1000.0);
    out.printf(Locale.ROOT, "graph as built: %d nodes; graph executed (after grappler, all partitions): %d nodes%n%n",
        built.getNodeCount(), meta.getPartitionGraphsList().stream().mapToInt(GraphDef::getNodeCount).sum());
    out.println("| op type (kernel) | count | total µs | share of kernel time |");
    out.println("| --- | ---: | ---: | ---: |");
    for (Row r : sorted) {
      out.printf(Locale.ROOT, "| %s | %d | %d | %.1f%% |%n", r.op, r.count, r.micros, total == 0 ? 0 : 100.0 * r.micros / total);
    }
    Map<String, Integer> executedTypes = new HashMap<>();
    for (GraphDef p : meta.getPartitionGraphsList()) {
      for (NodeDef node : p.getNodeList()) {
        executedTypes.merge(node.getOp(), 1, Integer::sum);
      }
    }
    out.println();
    out.println("op types of the executed graph involving convolution, bias or fusion: " + executedTypes.entrySet().stream()
        .filter(e -> e.getKey().contains("Conv") || e.getKey().contains("Fused") || e.getKey().contains("Bias")
            || e.getKey().contains("Mkl"))
        .sorted(Map.Entry.comparingByKey()).map(e -> e.getKey() + " x" + e.getValue()).toList());
    Map<String, Integer> fusions = new TreeMap<>();
    for (GraphDef p : meta.getPartitionGraphsList()) {
      for (NodeDef node : p.getNodeList()) {
        AttrValue fused = node.getAttrOrDefault("fused_ops", null);
        if (fused != null) {
          fusions.merge(node.getOp() + " " + fused.getList().getSList().stream().map(b -> b.toStringUtf8()).toList(), 1, Integer::sum);
        }
      }
    }
    int bf16 = 0;
    for (GraphDef p : meta.getPartitionGraphsList()) {
      for (NodeDef node : p.getNodeList()) {
        AttrValue t = node.getAttrOrDefault("T", null);
        if (t != null && t.getType() == org.tensorflow.proto.DataType.DT_BFLOAT16) {
          bf16++;
        }
      }
    }
    out.println("executed nodes computing in bfloat16 (attr T): " + bf16);
    out.println("fused kernels (op [fused_ops]): " + fusions.entrySet().stream().map(e -> e.getKey() + " x" + e.getValue()).toList());
  }

  private static String oneLine(String proto) {
    return proto.trim().replaceAll("\\s*\\n\\s*", ", ");
  }
}
