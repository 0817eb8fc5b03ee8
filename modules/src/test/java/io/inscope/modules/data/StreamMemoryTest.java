package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.DType;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.TfrecordSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory does not grow with a streamed split: a child JVM whose heap is capped at 64 MiB streams
 * an epoch of 204 MB of TFRecord files (64,000 examples of 784 floats, 8 shards) through a
 * 2,000-example shuffle buffer. Held in memory the features alone would need 201 MB (64,000 x 784 x 4 bytes) of heap, so
 * the child would fail with OutOfMemoryError; it also reports its peak resident memory (VmHWM),
 * which must stay under the data's size. (The 5 GB figure is a bench: docs/benchmarks.md.)
 */
class StreamMemoryTest {
  static final int SHARDS = 8;
  static final int PER_SHARD = 8_000;
  static final int WIDTH = 784;

  @TempDir Path tmp;

  @Test
  void aStreamedEpochOf200MegabytesRunsInA64MiBHeap() throws Exception {
    long bytes = 0;
    for (int s = 0; s < SHARDS; s++) {
      bytes += DataFiles.numbered(tmp.resolve("part-" + s + ".tfrecord"), WIDTH, s * PER_SHARD, PER_SHARD, 31, 255);
    }
    assertTrue(bytes > 200_000_000L, bytes + " bytes written");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
        StreamMemoryTest.class.getName(), tmp.toString());
    pb.redirectErrorStream(true);
    Process child = pb.start();
    String out;
    try {
      out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(child.waitFor(5, TimeUnit.MINUTES), "the child ended");
    } finally {
      child.destroyForcibly();
    }
    assertEquals(0, child.exitValue(), out);
    String[] words = out.trim().split("\\s+");
    assertEquals("examples=" + (SHARDS * PER_SHARD / 128 * 128), words[words.length - 3], out);
    assertEquals("distinct=" + (SHARDS * PER_SHARD / 128 * 128), words[words.length - 2], out);
    long hwmKib = Long.parseLong(words[words.length - 1].substring("vmhwm_kib=".length()));
    System.out.println("streamed " + bytes / 1_000_000 + " MB with -Xmx64m: peak resident memory " + hwmKib / 1024 + " MiB");
    assertTrue(hwmKib * 1024 < bytes, "peak resident memory " + hwmKib + " KiB is under the " + bytes + " bytes streamed");
  }

  /** The child: one epoch of the files in {@code args[0]}, batches of 128; prints counts and VmHWM. */
  public static void main(String[] args) throws Exception {
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(WIDTH), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    DataSplitSpec split = new DataSplitSpec(new TfrecordSpec(List.of(Path.of(args[0]).resolve("part-*.tfrecord").toString()),
        features, "label", null, 4), 1.0, 2000, 128, false);
    TfrecordStream stream = TfrecordStream.open("data.train", split, DataFiles.input(WIDTH), 1, Shards.ALL);
    float[] x = new float[128 * WIDTH];
    float[] y = new float[128];
    java.util.BitSet seen = new java.util.BitSet();
    long examples = 0;
    try (BatchCursor cursor = stream.cursorAt(0)) {
      for (long b = 0; b < stream.stepsPerEpoch(); b++) {
        cursor.next(x, y, 0);
        for (int i = 0; i < 128; i++) {
          seen.set((int) x[i * WIDTH]);
        }
        examples += 128;
      }
    }
    long hwm = DataFiles.peakResidentKib();
    System.out.println("examples=" + examples + " distinct=" + seen.cardinality() + " vmhwm_kib=" + hwm);
  }
}
