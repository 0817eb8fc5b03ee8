package io.inscope.runner.bench;

import io.inscope.configs.DType;
import io.inscope.configs.InputSpec;
import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import io.inscope.configs.data.IdxSpec;
import io.inscope.modules.data.BatchCursor;
import io.inscope.modules.data.Examples;
import io.inscope.modules.data.IdxSource;
import io.inscope.modules.data.Shards;
import io.inscope.modules.data.TfrecordStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.FloatList;
import org.tensorflow.proto.Int64List;

/**
 * Streamed input against pre-staged input, on the Fashion-MNIST examples' models: Fashion-MNIST's
 * training split written as 8 TFRecord shards of float features (raw pixel values, 784 per
 * record), then each job trained for the same steps on it with {@code cache: false} (the files
 * streamed: parallel readers parsing records, a 10,000-example shuffle buffer, batches staged by
 * the prefetcher) and with {@code cache: true} (read into memory first, batches gathered from
 * memory), alternating, best of {@code repeats}. Prints steps/s of each, the ratio of step times
 * (streamed / pre-staged; the bound is 1.1) and the process CPU time per step of each, over
 * the timed steps and over the whole run (on a shared machine the wall clock measures the other
 * processes too). {@code models}: {@code mlp}, {@code cnn}.
 */
public record StreamBench(Path dir, int repeats, List<String> models) {
  static final int SHARDS = 8;

  public void run(PrintWriter out) throws Exception {
    Path shards = dir.resolve("fashion-mnist-tfrecord");
    if (!Files.isDirectory(FashionMnistFolders.DATASET)) {
      out.println("input pipeline: skipped (" + FashionMnistFolders.DATASET + " not found: apt-get install dataset-fashion-mnist)");
      return;
    }
    if (!Files.exists(shards.resolve("done"))) {
      long start = System.nanoTime();
      long bytes = writeFashionMnist(shards);
      out.printf(Locale.ROOT, "wrote Fashion-MNIST's 60,000 training examples as %d TFRecord shards (%.0f MB) under %s in %.1f s%n",
          SHARDS, bytes / 1e6, shards, (System.nanoTime() - start) / 1e9);
    }
    com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    out.printf(Locale.ROOT, "%d cores, load average %.1f at start; per run: MLP 12,000 steps (the first 1,200 untimed; an epoch is 1,875), CNN 600"
        + " (100 untimed); best of %d alternating runs%n%n", Runtime.getRuntime().availableProcessors(), os.getSystemLoadAverage(), repeats);
    out.println("| model | batch | input | steps/s | CPU ms/step, timed steps | CPU ms/step, whole run | step time / pre-staged |");
    out.println("| --- | ---: | --- | ---: | ---: | ---: | ---: |");
    for (String[] model : List.of(new String[] {"MLP", "examples/fashion-mnist-mlp.yaml", "12000", "1200"},
        new String[] {"CNN", "examples/fashion-mnist-cnn.yaml", "600", "100"})) {
      if (!models.contains(model[0].toLowerCase(Locale.ROOT))) {
        continue;
      }
      Path file = Path.of(model[1]);
      if (!Files.exists(file)) {
        out.println("| " + model[0] + " | | skipped: " + file + " not found (run from the repository root) | | | | |");
        continue;
      }
      int steps = Integer.parseInt(model[2]);
      int warmup = Integer.parseInt(model[3]);
      double[] rate = new double[2];
      double[] cpu = {Double.MAX_VALUE, Double.MAX_VALUE};
      double[] stepCpu = {Double.MAX_VALUE, Double.MAX_VALUE};
      int batch = 0;
      for (int r = 0; r < repeats; r++) {
        for (int v = 0; v < 2; v++) {
          JobSpec job = job(file, shards, v == 1, steps);
          batch = job.data().train().batchSize();
          long cpuStart = os.getProcessCpuTime();
          RunnerLoop.Result result = RunnerLoop.run(job, warmup, new long[0], e -> {});
          rate[v] = Math.max(rate[v], result.stepsPerSecond());
          cpu[v] = Math.min(cpu[v], (os.getProcessCpuTime() - cpuStart) / 1e6 / steps);
          stepCpu[v] = Math.min(stepCpu[v], result.cpuMillisPerStep());
        }
      }
      String[] names = {"pre-staged (cache: true)", "streamed (cache: false)"};
      for (int v = 0; v < 2; v++) {
        out.printf(Locale.ROOT, "| %s | %d | %s | %.1f | %.3f | %.2f | %s |%n", model[0], batch, names[v], rate[v], stepCpu[v], cpu[v],
            v == 0 ? "1.00x" : String.format(Locale.ROOT, "%.2fx", rate[0] / rate[1]));
      }
    }
    out.println();
    pipelineAlone(shards, os, out);
    out.println("CPU ms/step is the process's CPU time (all threads) per step: over the timed steps (the step, and for cache: false the"
        + " parsing that keeps up with it), and over the whole run (reading the split into memory, session build, evaluation after the"
        + " last step); step time is wall clock over the timed steps.");
    out.flush();
  }

  /**
   * The streamed pipeline with no training: the MLP job's split ({@code cache: false}, batch 32) read
   * by 1 and by 4 reader threads, one epoch untimed, then three epochs timed: records per second
   * (what it can feed) and process CPU per record, best of {@code repeats}.
   */
  private void pipelineAlone(Path shards, com.sun.management.OperatingSystemMXBean os, PrintWriter out) throws Exception {
    Path file = Path.of("examples/fashion-mnist-mlp.yaml");
    if (!Files.exists(file)) {
      return;
    }
    out.println("| pipeline alone (no training) | reader threads | records/s | CPU us/record |");
    out.println("| --- | ---: | ---: | ---: |");
    float[] x = new float[32 * 784];
    float[] y = new float[32];
    for (int readers : new int[] {1, 4}) {
      JobSpec job = job(file, shards, true, 1, "data.train.tfrecord.num_parallel_reads=" + readers, "data.train.batch_size=32");
      TfrecordStream stream = TfrecordStream.open("data.train", job.data().train(), new InputSpec(List.of(784), DType.FLOAT32), job.seed(),
          Shards.ALL);
      long epoch = stream.stepsPerEpoch();
      double rate = 0;
      double cpuPerRecord = Double.MAX_VALUE;
      for (int r = 0; r < repeats; r++) {
        try (BatchCursor cursor = stream.cursorAt(0)) {
          for (long b = 0; b < epoch; b++) {
            cursor.next(x, y, 0);
          }
          long cpu = os.getProcessCpuTime();
          long start = System.nanoTime();
          for (long b = 0; b < 3 * epoch; b++) {
            cursor.next(x, y, 0);
          }
          double records = 3.0 * epoch * 32;
          rate = Math.max(rate, records / ((System.nanoTime() - start) / 1e9));
          cpuPerRecord = Math.min(cpuPerRecord, (os.getProcessCpuTime() - cpu) / 1e3 / records);
        }
      }
      out.printf(Locale.ROOT, "| MLP's split, shuffle 10,000 | %d | %,.0f | %.2f |%n", readers, rate, cpuPerRecord);
    }
    out.println();
    out.flush();
  }

  /** The example job trained from the shards for {@code steps} steps, streamed or held in memory; no evaluation or checkpoint in between. */
  private static JobSpec job(Path file, Path shards, boolean streamed, int steps, String... more) throws Exception {
    String source = "{tfrecord: {paths: [" + shards.toAbsolutePath().resolve("part-*.tfrecord") + "],"
        + " features: {image: {shape: [784]}, label: {shape: [], dtype: int64}}, label: label},"
        + " scale: 0.00392156862745098, shuffle: 10000, batch_size: BATCH, cache: " + !streamed + "}";
    JobSpec base = new JobLoader(System.getenv()).load(file, List.of()).spec();
    List<String> overrides = new java.util.ArrayList<>(List.of(
        "data.train=" + source.replace("BATCH", Integer.toString(base.data().train().batchSize())),
        "train.steps=" + steps, "train.eval_every=never", "checkpoint.every=never", "export.saved_model=false",
        "tensorboard.enabled=false"));
    overrides.addAll(List.of(more));
    return new JobLoader(System.getenv()).load(file, overrides).spec();
  }

  /** Writes Fashion-MNIST's training split as {@link #SHARDS} TFRecord files of tf.Example (image: 784 floats, label). */
  static long writeFashionMnist(Path shards) throws Exception {
    Examples train = new IdxSource().load(new IdxSpec(FashionMnistFolders.DATASET.resolve("train-images-idx3-ubyte.gz").toString(),
        FashionMnistFolders.DATASET.resolve("train-labels-idx1-ubyte.gz").toString()),
        new InputSpec(List.of(784), DType.FLOAT32), 0);
    Files.createDirectories(shards);
    long bytes = 0;
    float[] x = new float[784];
    float[] y = new float[1];
    for (int s = 0; s < SHARDS; s++) {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(shards.resolve("part-" + s + ".tfrecord")), 1 << 20)) {
        for (int i = s; i < train.size(); i += SHARDS) {
          train.copyFeatures(i, x, 0);
          train.copyLabels(i, y, 0);
          bytes += record(out, example(x, (long) y[0]));
        }
      }
    }
    Files.writeString(shards.resolve("done"), "");
    return bytes;
  }

  static byte[] example(float[] x, long label) {
    FloatList.Builder xs = FloatList.newBuilder();
    for (float v : x) {
      xs.addValue(v);
    }
    return Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("image", Feature.newBuilder().setFloatList(xs).build())
        .putFeature("label", Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(label)).build()))
        .build().toByteArray();
  }

  /** One record in TensorFlow's TFRecord framing; returns the bytes written. */
  static long record(OutputStream out, byte[] data) throws IOException {
    byte[] length = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(data.length).array();
    out.write(length);
    out.write(le32(maskedCrc(length)));
    out.write(data);
    out.write(le32(maskedCrc(data)));
    return 16L + data.length;
  }

  private static int maskedCrc(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    int value = (int) crc.getValue();
    return ((value >>> 15) | (value << 17)) + 0xa282ead8;
  }

  private static byte[] le32(int value) {
    return ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(value).array();
  }
}
