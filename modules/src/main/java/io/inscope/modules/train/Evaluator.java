package io.inscope.modules.train;

import io.inscope.modules.data.DataException;
import io.inscope.modules.data.EvalData;
import io.inscope.modules.data.Examples;
import io.inscope.modules.metrics.ConfusionMatrix;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/**
 * One pass over an eval split, in file order, with exact means over all its examples: what the run
 * loop reports at each evaluation and what {@code runner.jar evaluate} prints. The batches are
 * {@code batchSize} consecutive examples, the last one smaller when the size is not a multiple,
 * whether the split is held in memory or streamed ({@link EvalData}): the same batches, the same
 * sums.
 */
public final class Evaluator {
  private final TrainGraph graph;
  private final Session session;
  private final EvalData examples;
  private final int batchSize;

  public Evaluator(TrainGraph graph, Session session, Examples examples, int batchSize) {
    this(graph, session, EvalData.inMemory(examples), batchSize);
  }

  public Evaluator(TrainGraph graph, Session session, EvalData examples, int batchSize) {
    if (batchSize < 1) {
      throw new IllegalArgumentException("batch size " + batchSize + " must be >= 1");
    }
    this.graph = graph;
    this.session = session;
    this.examples = examples;
    this.batchSize = batchSize;
  }

  /**
   * Evaluates the weights' moving averages when the job keeps them ({@code ema}), else the weights.
   *
   * @throws DataException when a streamed split holds a bad record (named), read during this pass
   */
  public StepMetrics run(long step, long epoch) throws DataException, InterruptedException {
    if (graph.emaSwap() == null) {
      return pass(step, epoch);
    }
    session.runner().addTarget(graph.emaSwap()).run();
    try {
      return pass(step, epoch);
    } finally {
      session.runner().addTarget(graph.emaSwap()).run();
    }
  }

  private StepMetrics pass(long step, long epoch) throws DataException, InterruptedException {
    long start = System.nanoTime();
    int[] sizes = graph.metricSizes();
    double[][] sums = new double[sizes.length][];
    for (int m = 0; m < sizes.length; m++) {
      sums[m] = new double[sizes[m]];
    }
    long[] confusion = graph.evalConfusion() == null ? null : new long[(int) graph.evalConfusion().shape().size(0)];
    long size = examples.size();
    double lossSum = 0;
    try (EvalData.Reader reader = examples.open()) {
      float[] f = null;
      float[] l = null;
      for (long first = 0; first < size; first += batchSize) {
        int count = (int) Math.min(batchSize, size - first);
        if (f == null || f.length != count * examples.featureElements()) {
          // the first batch, then the last when it is smaller
          f = new float[count * examples.featureElements()];
          l = new float[count * examples.labelElements()];
        }
        reader.read(f, l, count);
        lossSum += batch(f, l, count, sizes, sums, confusion);
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < sums.length; i++) {
      values.put(graph.metrics().get(i).name(), graph.metrics().get(i).value(sums[i], size));
    }
    double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    ConfusionMatrix matrix = confusion == null ? null : new ConfusionMatrix((int) Math.round(Math.sqrt(confusion.length)), confusion);
    return new StepMetrics("eval", step, epoch, lossSum / size, values, size / seconds, null, matrix);
  }

  /** Runs one batch, adds its metric sums and confusion counts; returns its loss times its size. */
  private double batch(float[] f, float[] l, int count, int[] sizes, double[][] sums, long[] confusion) {
    try (TFloat32 x = TFloat32.tensorOf(withBatch(count, examples.featureShape()), d -> d.copyFrom(DataBuffers.of(f, true, false)));
        TFloat32 y = TFloat32.tensorOf(withBatch(count, examples.labelShape()), d -> d.copyFrom(DataBuffers.of(l, true, false)))) {
      Session.Runner runner = session.runner().feed(graph.evalFeatures(), x).feed(graph.evalLabels(), y).fetch(graph.evalLoss());
      graph.evalMetricSums().forEach(runner::fetch);
      if (confusion != null) {
        runner.fetch(graph.evalConfusion());
      }
      try (Result r = runner.run()) {
        for (int m = 0; m < sums.length; m++) {
          float[] batchSums = new float[sizes[m]];
          ((TFloat32) r.get(m + 1)).copyTo(DataBuffers.of(batchSums, false, false));
          for (int j = 0; j < sizes[m]; j++) {
            sums[m][j] += batchSums[j];
          }
        }
        if (confusion != null) {
          float[] batchConfusion = new float[confusion.length];
          ((TFloat32) r.get(sums.length + 1)).copyTo(DataBuffers.of(batchConfusion, false, false));
          for (int j = 0; j < confusion.length; j++) {
            confusion[j] += Math.round(batchConfusion[j]);
          }
        }
        return ((TFloat32) r.get(0)).getFloat() * (double) count;
      }
    }
  }

  static Shape withBatch(long batch, long[] example) {
    long[] dims = new long[example.length + 1];
    dims[0] = batch;
    System.arraycopy(example, 0, dims, 1, example.length);
    return Shape.of(dims);
  }
}
