package io.inscope.runner.internal;

import io.inscope.configs.TensorBoardSpec;
import io.inscope.modules.strategy.MirroredVariable;
import io.inscope.modules.train.StepMetrics;
import io.inscope.modules.train.TrainListener;
import io.inscope.runner.ExitCodes;
import io.inscope.runner.UserException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.SessionLog;

/**
 * Writes a run's TensorBoard event files in {@code <run dir>/tensorboard/}, as the job's
 * {@code tensorboard:} section says: {@code train/} gets {@code loss}, each metric,
 * {@code learning_rate} and {@code examples_per_second} at every log step, the weight histograms
 * at the start and every {@code histograms_every_steps}, and the graph once; {@code eval/} gets
 * {@code loss}, each metric and {@code examples_per_second} at every evaluation. Buffered events
 * reach the disk at least every {@code flush_every}, so a killed run keeps all but the last
 * interval. A failure to write (a full disk) warns once and stops the writing, never the training.
 */
public final class TensorBoardWriter implements TrainListener, AutoCloseable {
  private final SummaryGraph summaries;
  private final JobSession job;
  private final TensorBoardSpec spec;
  private final PrintWriter err;
  private final long flushNanos;
  private long lastFlush = System.nanoTime();
  private boolean failed;
  private boolean closed;

  private TensorBoardWriter(SummaryGraph summaries, JobSession job, PrintWriter err) {
    this.summaries = summaries;
    this.job = job;
    this.spec = job.job.tensorboard();
    this.err = err;
    this.flushNanos = spec.flushEvery().duration().toNanos();
  }

  /**
   * The run's TensorBoard listener, closed with {@code job}; a listener that does nothing when the
   * job turns TensorBoard off.
   */
  public static TrainListener listener(JobSession job, Path dir, long startStep, PrintWriter err) throws UserException {
    if (!job.job.tensorboard().enabled()) {
      return new TrainListener() {};
    }
    try {
      Files.createDirectories(dir.resolve("train"));
      Files.createDirectories(dir.resolve("eval"));
    } catch (IOException e) {
      throw new UserException(ExitCodes.USAGE, "cannot create " + dir + " for the TensorBoard event files ("
          + e.getMessage() + "); give the run another directory with --output, or set tensorboard.enabled: false");
    }
    TensorBoardWriter w = new TensorBoardWriter(
        new SummaryGraph(dir, List.of("train", "eval"), job.job.tensorboard().flushEvery().duration().toMillis()), job, err);
    job.onClose(w::close);
    w.start(startStep);
    return w;
  }

  private void start(long startStep) {
    guarded(() -> {
      // a START at the first step tells TensorBoard to drop what a killed earlier attempt wrote past it
      byte[] restart = Event.newBuilder().setWallTime(System.currentTimeMillis() / 1000.0).setStep(startStep)
          .setSessionLog(SessionLog.newBuilder().setStatus(SessionLog.SessionStatus.START)).build().toByteArray();
      summaries.event("train", restart);
      summaries.event("eval", restart);
      summaries.graph("train", startStep, job.graph.toGraphDef().toByteArray());
      if (spec.histogramsEverySteps() > 0) {
        histograms(startStep);
      }
      summaries.flush();
    });
  }

  @Override
  public void onStep(long step, long totalSteps, double loss) {
    if (spec.histogramsEverySteps() > 0 && step % spec.histogramsEverySteps() == 0) {
      guarded(() -> histograms(step));
    }
    if (System.nanoTime() - lastFlush >= flushNanos) {
      guarded(summaries::flush);
      lastFlush = System.nanoTime();
    }
  }

  @Override
  public void onLog(StepMetrics m) {
    Map<String, Double> values = scalars(m);
    if (m.learningRate() != null) {
      values.put("learning_rate", m.learningRate());
    }
    if (m.lossScale() != null) {
      values.put("loss_scale", m.lossScale());
    }
    guarded(() -> summaries.scalars("train", m.step(), values));
  }

  @Override
  public void onEval(StepMetrics m) {
    guarded(() -> summaries.scalars("eval", m.step(), scalars(m)));
  }

  private static Map<String, Double> scalars(StepMetrics m) {
    Map<String, Double> values = new LinkedHashMap<>();
    values.put("loss", m.loss());
    values.putAll(new TreeMap<>(m.metrics()));
    values.put("examples_per_second", m.examplesPerSecond());
    return values;
  }

  /** Replica 0's component of every layer weight, read from the training session. */
  private void histograms(long step) {
    List<MirroredVariable<?>> all = job.step.variables();
    List<MirroredVariable<?>> weights = new ArrayList<>();
    Session.Runner r = job.session().runner();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).kind() == MirroredVariable.Kind.WEIGHT) {
        weights.add(all.get(i));
        r.fetch(job.checkpointOps.components().get(i).get(0));
      }
    }
    if (weights.isEmpty()) {
      return;
    }
    try (Result values = r.run()) {
      Map<String, Tensor> byName = new LinkedHashMap<>();
      for (int i = 0; i < weights.size(); i++) {
        byName.put(weights.get(i).name(), values.get(i));
      }
      summaries.histograms("train", step, byName);
    }
  }

  private void guarded(Runnable write) {
    if (failed) {
      return;
    }
    try {
      write.run();
    } catch (RuntimeException e) {
      failed = true;
      err.println("warning: TensorBoard events are no longer written (" + e.getMessage()
          + "); training goes on, metrics.jsonl still has every metric");
      err.flush();
    }
  }

  /** Writes what is buffered and closes the files; idempotent. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    guarded(summaries::flush);
    try {
      summaries.close();
    } catch (RuntimeException e) {
      if (!failed) {
        err.println("warning: closing the TensorBoard event files failed: " + e.getMessage());
      }
    }
  }
}
