package io.inscope.modules.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.inscope.configs.Activation;
import io.inscope.configs.DType;
import io.inscope.configs.JobSpec;
import io.inscope.configs.StrategyType;
import io.inscope.configs.data.DataSpec;
import io.inscope.configs.data.DataSplitSpec;
import io.inscope.configs.data.FeatureSpec;
import io.inscope.configs.data.SyntheticSpec;
import io.inscope.configs.data.TfrecordSpec;
import io.inscope.modules.data.DataFiles;
import io.inscope.modules.data.DataLoader;
import io.inscope.modules.data.DataModule;
import io.inscope.modules.initializers.InitializersModule;
import io.inscope.modules.layers.LayersModule;
import io.inscope.modules.losses.LossesModule;
import io.inscope.modules.metrics.MetricsModule;
import io.inscope.modules.optimizers.OptimizersModule;
import io.inscope.modules.strategy.OneDeviceStrategy;
import io.inscope.modules.strategy.StrategyScope;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;

/** Evaluations over an eval split held in memory and over the same files streamed ({@code cache: false}). */
class EvaluatorTest {
  private static final Injector INJECTOR = Guice.createInjector(new InitializersModule(), new LayersModule(),
      new LossesModule(), new OptimizersModule(), new MetricsModule(), new DataModule());

  @TempDir Path tmp;

  /**
   * Three files (one gzip) of 23, 31 and 9 examples in batches of 10 (the last of 3): loss,
   * accuracy and the confusion matrix of the streamed split equal those of the split in memory
   * bit for bit, because the batches are the same rows in the same order (tolerance 0).
   */
  @Test
  void aStreamedEvalSplitHasTheMetricsOfTheSplitInMemoryBitForBit() throws Exception {
    Random random = new Random(9);
    write("eval-0.tfrecord", 23, random, false);
    write("eval-1.tfrecord.gz", 31, random, true);
    write("eval-2.tfrecord", 9, random, false);
    JobSpec job = Jobs.classifier(StrategyType.ONE_DEVICE, null, List.of(4),
        List.of(Jobs.dense(8, Activation.RELU), Jobs.dense(3, Activation.LINEAR)), 8, 1);
    DataLoader loader = INJECTOR.getInstance(DataLoader.class);
    DataLoader.Splits cached = loader.loadSplits(data(true), DataFiles.input(4), 1, Optional.empty());
    DataLoader.Splits streamed = loader.loadSplits(data(false), DataFiles.input(4), 1, Optional.empty());
    assertNull(cached.evalStream());
    assertNotNull(streamed.evalStream());
    try (Graph g = new Graph()) {
      TrainGraph graph;
      try (StrategyScope scope = StrategyScope.open(new OneDeviceStrategy("/device:CPU:0"), g, 42)) {
        graph = INJECTOR.getInstance(StepBuilder.class).build(job, scope, Shape.scalar());
      }
      try (Session session = new Session(g)) {
        session.initialize();
        StepMetrics inMemory = new Evaluator(graph, session, cached.evaluation(), 10).run(7, 1);
        StepMetrics stream = new Evaluator(graph, session, streamed.evaluation(), 10).run(7, 1);
        assertEquals(inMemory.loss(), stream.loss(), 0.0);
        assertEquals(inMemory.metrics(), stream.metrics());
        assertArrayEquals(inMemory.confusion().counts(), stream.confusion().counts());
        assertEquals(63, stream.confusion().total());
        // a second evaluation reads the files again from the first record
        assertEquals(stream.loss(), new Evaluator(graph, session, streamed.evaluation(), 10).run(8, 1).loss(), 0.0);
      }
    }
  }

  private DataSpec data(boolean cache) {
    Map<String, FeatureSpec> features = new LinkedHashMap<>();
    features.put("x", new FeatureSpec(List.of(4), DType.FLOAT32));
    features.put("label", new FeatureSpec(List.of(), DType.INT64));
    TfrecordSpec files = new TfrecordSpec(List.of(tmp.resolve("eval-*.tfrecord").toString(), tmp.resolve("eval-*.gz").toString()),
        features, "label", null, 2);
    return new DataSpec(new DataSplitSpec(new SyntheticSpec(16, 3), 1.0, 0, 8), new DataSplitSpec(files, 0.5, 0, 10, cache));
  }

  private void write(String name, int n, Random random, boolean gzip) throws Exception {
    byte[][] records = new byte[n][];
    for (int i = 0; i < n; i++) {
      int y = random.nextInt(3);
      float[] x = new float[4];
      for (int j = 0; j < 4; j++) {
        x[j] = (float) (random.nextGaussian() + (j == y ? 2 : 0));
      }
      records[i] = DataFiles.example(x, y);
    }
    Path plain = DataFiles.tfrecord(tmp.resolve(name + ".raw"), records);
    try (OutputStream out = gzip ? new GZIPOutputStream(Files.newOutputStream(tmp.resolve(name))) : Files.newOutputStream(tmp.resolve(name))) {
      out.write(Files.readAllBytes(plain));
    }
    Files.delete(plain);
  }
}
