package io.inscope.runner.bench;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Resident memory of a run that streams a TFRecord set much larger than memory: {@code gigabytes}
 * of sharded TFRecord files (64 shards of tf.Example records, 784 float features and an int64
 * label each: 3,160 bytes a record) are written by a child JVM (so that writing them leaves nothing
 * in this process), then a 784-128-10 MLP trains one epoch over them with {@code cache: false}
 * (4 readers, a 10,000-example shuffle buffer, batch 128) exactly as {@code runner.jar run} trains,
 * and the process's peak resident memory ({@code VmHWM} of {@code /proc/self/status}) is printed.
 * The files are deleted afterwards unless {@code keep}.
 */
public record StreamMemoryBench(Path dir, double gigabytes, boolean keep) {
  static final int SHARDS = 64;
  static final int RECORD_BYTES = 3160;

  public void run(PrintWriter out) throws Exception {
    Path data = dir.resolve(String.format(Locale.ROOT, "stream-%.1fgb", gigabytes));
    long records = (long) (gigabytes * 1e9 / RECORD_BYTES);
    try {
      if (!Files.exists(data.resolve("done"))) {
        long start = System.nanoTime();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-cp", System.getProperty("java.class.path"), StreamMemoryBench.class.getName(), data.toString(), Long.toString(records))
            .redirectErrorStream(true).start();
        String text = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (child.waitFor() != 0) {
          throw new IllegalStateException("writing " + data + " failed: " + text);
        }
        out.printf(Locale.ROOT, "wrote %d records (%.2f GB) in %d shards under %s in %.0f s (a child JVM)%n", records,
            size(data) / 1e9, SHARDS, data, (System.nanoTime() - start) / 1e9);
        out.flush();
      }
      String yaml = """
          version: 1
          name: stream-memory
          seed: 1
          model:
            input: {shape: [784]}
            layers: [{dense: {units: 128, activation: relu}}, {dense: {units: 10}}]
          loss: {sparse_categorical_crossentropy: {from_logits: true}}
          optimizer: adam
          data:
            train:
              tfrecord: {paths: [%s], features: {image: {shape: [784]}, label: {shape: [], dtype: int64}}, label: label, num_parallel_reads: 4}
              scale: 0.00392156862745098
              shuffle: 10000
              batch_size: 128
              cache: false
          train: {epochs: 1, steps_per_execution: 16, log_every_steps: 1000}
          checkpoint: {every: never}
          tensorboard: {enabled: false}
          """.formatted(data.toAbsolutePath().resolve("part-*.tfrecord"));
      JobSpec job = new JobLoader(Map.of()).loadResolved(yaml, Path.of("stream-memory.yaml")).spec();
      long start = System.nanoTime();
      RunnerLoop.Result r = RunnerLoop.run(job, 16, new long[0], e -> {});
      double seconds = (System.nanoTime() - start) / 1e9;
      out.printf(Locale.ROOT, "streamed %.2f GB (%d records, one epoch, %d steps of batch 128) in %.0f s (%.0f examples/s; session build,"
          + " record counting and training): peak resident memory (VmHWM) %.0f MiB, resident now (VmRSS) %.0f MiB, max heap %.0f MiB%n",
          size(data) / 1e9, records, r.outcome().steps(), seconds, r.outcome().steps() * 128 / r.trainSeconds(),
          Rss.kib("VmHWM") / 1024.0, Rss.kib("VmRSS") / 1024.0, Runtime.getRuntime().maxMemory() / 1048576.0);
    } finally {
      if (!keep && Files.exists(data)) {
        try (Stream<Path> files = Files.walk(data)) {
          files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        out.println("deleted " + data + " (--keep-data keeps it)");
      }
      out.flush();
    }
  }

  private static long size(Path dir) throws Exception {
    try (Stream<Path> files = Files.list(dir)) {
      return files.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** The child: writes {@code args[1]} records in {@link #SHARDS} shards under {@code args[0]}. */
  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    long records = Long.parseLong(args[1]);
    Files.createDirectories(data);
    float[] x = new float[784];
    java.util.SplittableRandom random = new java.util.SplittableRandom(7);
    for (int s = 0; s < SHARDS; s++) {
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(data.resolve(String.format(Locale.ROOT, "part-%02d.tfrecord", s))), 1 << 20)) {
        for (long i = s; i < records; i += SHARDS) {
          int label = (int) (i % 10);
          // a class-dependent band of bright pixels over noise: learnable, and not compressible into nothing
          for (int j = 0; j < 784; j++) {
            x[j] = (j / 78 == label ? 200 : 0) + random.nextInt(56);
          }
          StreamBench.record(out, StreamBench.example(x, label));
        }
      }
    }
    Files.writeString(data.resolve("done"), "");
  }
}
