package io.inscope.modules.train;

import io.inscope.modules.data.EvalPlan;
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
 * loop reports at each evaluation and what {@code runner.jar evaluate} prints.
 */
public final class Evaluator {
  private final TrainGraph graph;
  private final Session session;
  private final Examples examples;
  private final EvalPlan plan;

  public Evaluator(TrainGraph graph, Session session, Examples examples, int batchSize) {
    this.graph = graph;
    this.session = session;
    this.examples = examples;
    this.plan = new EvalPlan(examples.size(), batchSize);
  }

  /** Evaluates the weights' moving averages when the job keeps them ({@code ema}), else the weights. */
  public StepMetrics run(long step, long epoch) {
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

  private StepMetrics pass(long step, long epoch) {
    long start = System.nanoTime();
    double lossSum = 0;
    int[] sizes = graph.metricSizes();
    double[][] sums = new double[sizes.length][];
    float[][] batchSums = new float[sizes.length][];
    for (int m = 0; m < sizes.length; m++) {
      sums[m] = new double[sizes[m]];
      batchSums[m] = new float[sizes[m]];
    }
    long[] confusion = graph.evalConfusion() == null ? null : new long[(int) graph.evalConfusion().shape().size(0)];
    float[] batchConfusion = confusion == null ? null : new float[confusion.length];
    for (int b = 0; b < plan.batches(); b++) {
      int count = plan.count(b);
      float[] f = new float[count * examples.featureElements()];
      float[] l = new float[count * examples.labelElements()];
      examples.slice(plan.start(b), count, f, l);
      Session.Runner runner;
      try (TFloat32 x = TFloat32.tensorOf(withBatch(count, examples.featureShape()), d -> d.copyFrom(DataBuffers.of(f, true, false)));
          TFloat32 y = TFloat32.tensorOf(withBatch(count, examples.labelShape()), d -> d.copyFrom(DataBuffers.of(l, true, false)))) {
        runner = session.runner().feed(graph.evalFeatures(), x).feed(graph.evalLabels(), y).fetch(graph.evalLoss());
        graph.evalMetricSums().forEach(runner::fetch);
        if (graph.evalConfusion() != null) {
          runner.fetch(graph.evalConfusion());
        }
        try (Result r = runner.run()) {
          lossSum += ((TFloat32) r.get(0)).getFloat() * (double) count;
          for (int m = 0; m < sums.length; m++) {
            ((TFloat32) r.get(m + 1)).copyTo(DataBuffers.of(batchSums[m], false, false));
            for (int j = 0; j < sizes[m]; j++) {
              sums[m][j] += batchSums[m][j];
            }
          }
          if (confusion != null) {
            ((TFloat32) r.get(sums.length + 1)).copyTo(DataBuffers.of(batchConfusion, false, false));
            for (int j = 0; j < confusion.length; j++) {
              confusion[j] += Math.round(batchConfusion[j]);
            }
          }
        }
      }
    }
    Map<String, Double> values = new LinkedHashMap<>();
    for (int i = 0; i < sums.length; i++) {
      values.put(graph.metrics().get(i).name(), graph.metrics().get(i).value(sums[i], examples.size()));
    }
    double seconds = Math.max(1e-9, (System.nanoTime() - start) / 1e9);
    ConfusionMatrix matrix = confusion == null ? null : new ConfusionMatrix((int) Math.round(Math.sqrt(confusion.length)), confusion);
    return new StepMetrics("eval", step, epoch, lossSum / examples.size(), values, examples.size() / seconds, null, matrix);
  }

  static Shape withBatch(long batch, long[] example) {
    long[] dims = new long[example.length + 1];
    dims[0] = batch;
    System.arraycopy(example, 0, dims, 1, example.length);
    return Shape.of(dims);
  }
}
