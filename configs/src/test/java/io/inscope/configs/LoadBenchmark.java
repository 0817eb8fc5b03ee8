package io.inscope.configs;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints how long loading a job file takes: the first load in a fresh JVM (what {@code check}
 * pays) and the mean of warm loads. Not a test; run from {@code configs/} after {@code mvn test}:
 *
 * <pre>
 * java -cp target/classes:target/test-classes:$HOME/.m2/repository/org/yaml/snakeyaml/2.3/snakeyaml-2.3.jar \
 *     io.inscope.configs.LoadBenchmark [job.yaml]
 * </pre>
 *
 * Without an argument it loads the job-spec example, with its data files in a temporary directory.
 */
public final class LoadBenchmark {
  private LoadBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path job = args.length > 0 ? Path.of(args[0]) : specExample();
    JobLoader loader = new JobLoader(System.getenv());
    long start = System.nanoTime();
    loader.load(job, List.of());
    double first = (System.nanoTime() - start) / 1e6;
    int warmup = 200;
    int runs = 1000;
    for (int i = 0; i < warmup; i++) {
      loader.load(job, List.of());
    }
    start = System.nanoTime();
    for (int i = 0; i < runs; i++) {
      loader.load(job, List.of());
    }
    double warm = (System.nanoTime() - start) / 1e6 / runs;
    System.out.printf("%s (%d bytes): first load %.1f ms, warm load %.3f ms (mean of %d)%n",
        job, Files.size(job), first, warm, runs);
  }

  private static Path specExample() throws Exception {
    Path dir = Files.createTempDirectory("load-benchmark");
    for (String f : List.of("train-images-idx3-ubyte.gz", "train-labels-idx1-ubyte.gz", "t10k-images-idx3-ubyte.gz", "t10k-labels-idx1-ubyte.gz")) {
      Jobs.write(dir, "data/" + f, "idx");
    }
    return Jobs.write(dir, "job.yaml", JobLoaderTest.EXAMPLE);
  }

}
