package io.inscope.runner.internal;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.types.TFloat32;

/**
 * Prints what the TensorBoard writer costs the run loop: one log step's scalars (loss, two metrics,
 * learning rate, examples/s), the histograms of a 784-256-10 MLP's weights, and a flush. Not a
 * test; run from the worktree root after {@code mvn -o -pl runner -am test-compile}:
 *
 * <pre>
 * mvn -q -o -pl runner dependency:build-classpath -Dmdep.outputFile=/tmp/cp.txt
 * java -cp runner/target/classes:runner/target/test-classes:modules/target/classes:configs/target/classes:$(cat /tmp/cp.txt) \
 *     io.inscope.runner.internal.TensorBoardBenchmark
 * </pre>
 */
public final class TensorBoardBenchmark {
  private TensorBoardBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path dir = Files.createTempDirectory("tb-bench");
    Map<String, Double> scalars = new LinkedHashMap<>();
    new org.tensorflow.Graph().close();
    for (String tag : List.of("loss", "accuracy", "top_k_accuracy", "learning_rate", "examples_per_second")) {
      scalars.put(tag, 0.5);
    }
    long open = System.nanoTime();
    SummaryGraph opened = new SummaryGraph(dir, List.of("train", "eval"), 10_000);
    System.out.printf("%-48s %9.1f ms (first in this JVM, TensorFlow already loaded)%n", "open the two writers",
        (System.nanoTime() - open) / 1e6);
    try (SummaryGraph g = opened;
        TFloat32 k1 = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(784, 256));
        TFloat32 b1 = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(256));
        TFloat32 k2 = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(256, 10));
        TFloat32 b2 = TFloat32.tensorOf(org.tensorflow.ndarray.Shape.of(10))) {
      Map<String, TFloat32> weights = Map.of("dense.kernel", k1, "dense.bias", b1, "dense_1.kernel", k2, "dense_1.bias", b2);
      print("scalars (5 tags, one log step)", 3000, i -> g.scalars("train", i, scalars));
      print("histograms (784-256-10 MLP, 203,530 weights)", 200, i -> g.histograms("train", i, weights));
      print("flush", 200, i -> g.flush());
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  private static void print(String what, int n, java.util.function.LongConsumer op) {
    for (int i = 0; i < n / 5; i++) {
      op.accept(i);
    }
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      op.accept(i);
    }
    System.out.printf("%-48s %9.1f us per call (mean of %d, after %d warm-up calls)%n", what, (System.nanoTime() - start) / 1e3 / n, n, n / 5);
  }
}
