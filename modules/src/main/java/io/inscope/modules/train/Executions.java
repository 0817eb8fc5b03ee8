package io.inscope.modules.train;

import io.inscope.modules.data.Batch;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.ndarray.buffer.FloatDataBuffer;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Runs one execution (up to {@code train.steps_per_execution} steps) per {@code Session.run} on a
 * staged {@link Batch}, and keeps each step's loss and metric sums. A full execution fetches one
 * {@code [K]} vector per quantity through a runner built once per prefetcher slot; a shorter one
 * (ending at an evaluation or checkpoint step) runs the first j steps' train op and fetches their
 * scalars.
 */
final class Executions implements AutoCloseable {
  private final Session session;
  private final TrainGraph graph;
  private final TInt64 stepTensor = TInt64.scalarOf(0L);
  private final Map<Batch, Session.Runner> fullRunners = new IdentityHashMap<>();
  private final float[] losses;
  private final int[] sizes;
  private final float[][] sums;
  private final FloatDataBuffer lossView;
  private final FloatDataBuffer[] sumViews;
  private final float[] scales;
  private final FloatDataBuffer scaleView;

  Executions(Session session, TrainGraph graph) {
    this.session = session;
    this.graph = graph;
    int k = graph.stepsPerExecution();
    sizes = graph.metricSizes();
    int m = sizes.length;
    losses = new float[k];
    lossView = DataBuffers.of(losses, false, false);
    sums = new float[m][];
    sumViews = new FloatDataBuffer[m];
    for (int i = 0; i < m; i++) {
      // step i's statistics at [i × size, (i + 1) × size): the layout of the stacked [K, size] fetch
      sums[i] = new float[k * sizes[i]];
      sumViews[i] = DataBuffers.of(sums[i], false, false);
    }
    scales = new float[k];
    scaleView = DataBuffers.of(scales, false, false);
  }

  /** Runs the batch's steps; their results are then {@link #loss(int)} and {@link #metricSums}. */
  void run(Batch batch) {
    stepTensor.setLong(batch.step());
    int j = batch.steps();
    if (j == graph.stepsPerExecution()) {
      try (Result r = fullRunners.computeIfAbsent(batch, this::fullRunner).run()) {
        ((TFloat32) r.get(0)).copyTo(lossView);
        for (int m = 0; m < sumViews.length; m++) {
          ((TFloat32) r.get(m + 1)).copyTo(sumViews[m]);
        }
        if (graph.lossScaleVector() != null) {
          ((TFloat32) r.get(sumViews.length + 1)).copyTo(scaleView);
        }
      }
      return;
    }
    Session.Runner runner = feeds(batch).addTarget(graph.trainOps().get(j - 1));
    for (int i = 0; i < j; i++) {
      runner.fetch(graph.stepLosses().get(i));
      graph.stepMetricSums().get(i).forEach(runner::fetch);
      if (!graph.stepLossScales().isEmpty()) {
        runner.fetch(graph.stepLossScales().get(i));
      }
    }
    try (Result r = runner.run()) {
      int at = 0;
      for (int i = 0; i < j; i++) {
        losses[i] = ((TFloat32) r.get(at++)).getFloat();
        for (int m = 0; m < sums.length; m++) {
          ((TFloat32) r.get(at++)).copyTo(sumViews[m].slice((long) i * sizes[m], sizes[m]));
        }
        if (!graph.stepLossScales().isEmpty()) {
          scales[i] = ((TFloat32) r.get(at++)).getFloat();
        }
      }
    }
  }

  /** The mean loss of the execution's step {@code i}. */
  double loss(int i) {
    return losses[i];
  }

  /** The loss scale the execution's step {@code i} applied ({@code mixed_float16} only). */
  double lossScale(int i) {
    return scales[i];
  }

  /** Metric {@code m}'s sums (one per statistic) of the execution's step {@code i}, into {@code into}. */
  void metricSums(int m, int i, double[] into) {
    for (int j = 0; j < sizes[m]; j++) {
      into[j] = sums[m][i * sizes[m] + j];
    }
  }

  private Session.Runner fullRunner(Batch batch) {
    Session.Runner runner = feeds(batch)
        .addTarget(graph.trainOps().get(graph.stepsPerExecution() - 1))
        .fetch(graph.lossVector());
    List<Operand<TFloat32>> vectors = graph.metricVectors();
    vectors.forEach(runner::fetch);
    if (graph.lossScaleVector() != null) {
      runner.fetch(graph.lossScaleVector());
    }
    return runner;
  }

  private Session.Runner feeds(Batch batch) {
    return session.runner()
        .feed(graph.features(), batch.featureTensor())
        .feed(graph.labels(), batch.labelTensor())
        .feed(graph.step(), stepTensor);
  }

  @Override
  public void close() {
    stepTensor.close();
  }
}
