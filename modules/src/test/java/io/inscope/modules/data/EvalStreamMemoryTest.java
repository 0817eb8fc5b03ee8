package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
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
 * Memory does not grow with a streamed eval split: a child JVM whose heap is capped at 32 MiB
 * makes a pass over 38 MB of TFRecord files (12,000 examples of 784 floats, 4 files) in batches of
 * 100, in file order; the same files read into memory ({@code cache: true}) need 37.6 MB of heap
 * for the features alone, and the same child fails with OutOfMemoryError, so the bound is the
 * streaming's. (StreamMemoryTest shows the training split's bound.)
 */
class EvalStreamMemoryTest {
  static final int FILES = 4;
  static final int PER_FILE = 3_000;
  static final int WIDTH = 784;

  @TempDir Path tmp;

  @Test
  void aStreamedEvalPassOver38MegabytesRunsInA32MiBHeap() throws Exception {
    long bytes = 0;
    for (int f = 0; f < FILES; f++) {
      bytes += DataFiles.numbered(tmp.resolve("eval-" + f + ".tfrecord"), WIDTH, f * PER_FILE, PER_FILE, 17, 251);
    }
    assertTrue(bytes > 37_000_000L, bytes + " bytes written");
    String[] streamed = child("stream");
    assertEquals("0", streamed[0], String.join("\n", streamed));
    String[] words = streamed[1].trim().split("\\s+");
    assertEquals("examples=" + FILES * PER_FILE, words[words.length - 3], streamed[1]);
    assertEquals("in_order=true", words[words.length - 2], streamed[1]);
    long hwmKib = Long.parseLong(words[words.length - 1].substring("vmhwm_kib=".length()));
    System.out.println("streamed an eval pass over " + bytes / 1_000_000 + " MB with -Xmx32m: peak resident memory "
        + hwmKib / 1024 + " MiB");
    String[] inMemory = child("memory");
    assertNotEquals("0", inMemory[0], "the split read into memory does not fit the heap: " + inMemory[1]);
    assertTrue(inMemory[1].contains("OutOfMemoryError"), inMemory[1]);
  }

  /** Runs {@link #main} in a JVM with a 32 MiB heap; returns its exit code and output. */
  private String[] child(String mode) throws Exception {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx32m", "-cp", System.getProperty("java.class.path"),
        EvalStreamMemoryTest.class.getName(), tmp.toString(), mode);
    pb.redirectErrorStream(true);
    Process child = pb.start();
    try {
      String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(child.waitFor(2, TimeUnit.MINUTES), "the child ended");
      return new String[] {Integer.toString(child.exitValue()), out};
    } finally {
      child.destroyForcibly();
    }
  }

  /**
   * The child: one evaluation pass over the files in {@code args[0]}, streamed ({@code stream}) or
   * read into memory first ({@code memory}); prints the count, whether the examples came in file
   * order, and VmHWM.
   */
  public static void main(String[] args) throws Exception {
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(WIDTH), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    boolean stream = args[1].equals("stream");
    DataSplitSpec split = new DataSplitSpec(new TfrecordSpec(List.of(Path.of(args[0]).resolve("eval-*.tfrecord").toString()),
        features, "label", null, 4), 1.0, 0, 100, !stream);
    EvalData data = stream ? EvalStream.open("data.eval", split, Map.of("input", DataFiles.input(WIDTH)), PreprocessingCompiler.builtIn())
        : EvalData.inMemory(new TfrecordSource().load(split.source(), DataFiles.input(WIDTH), 1));
    float[] x = new float[100 * WIDTH];
    float[] y = new float[100];
    long examples = 0;
    boolean inOrder = true;
    try (EvalData.Reader reader = data.open()) {
      for (long first = 0; first < data.size(); first += 100) {
        reader.read(x, y, 100);
        for (int i = 0; i < 100; i++) {
          inOrder &= x[i * WIDTH] == first + i;
        }
        examples += 100;
      }
    }
    long hwm = DataFiles.peakResidentKib();
    System.out.println("examples=" + examples + " in_order=" + inOrder + " vmhwm_kib=" + hwm);
  }
}
