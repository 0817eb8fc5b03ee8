package io.inscope.runner.internal;

import io.inscope.modules.train.StepMetrics;
import io.inscope.modules.train.TrainListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a person sees: a progress bar on a terminal, plain log lines otherwise (one per log step
 * and per evaluation); every metric also goes to metrics.jsonl.
 */
public final class Console implements TrainListener, AutoCloseable {
  private final PrintWriter err;
  private final MetricsFile metrics;
  private final boolean quiet;
  private final boolean verbose;
  private ProgressBar bar;

  public Console(PrintWriter err, MetricsFile metrics, boolean quiet, boolean verbose, boolean terminal, long startStep, long total) {
    this.err = err;
    this.metrics = metrics;
    this.quiet = quiet;
    this.verbose = verbose;
    if (terminal && !quiet) {
      bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).startsFrom(startStep, java.time.Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate().build();
    }
  }

  @Override
  public void onStep(long step, long totalSteps, double loss) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(String.format(Locale.ROOT, "loss %.4f", loss));
    }
  }

  @Override
  public void onLog(StepMetrics m) {
    metrics.write(m);
    if (bar == null && !quiet) {
      line(format(m));
    }
  }

  @Override
  public void onEval(StepMetrics m) {
    metrics.write(m);
    if (!quiet) {
      line(format(m));
    }
  }

  @Override
  public void onCheckpoint(long step, Path checkpoint) {
    if (verbose) {
      line("checkpoint step " + step + ": " + checkpoint);
    }
  }

  public void line(String s) {
    if (bar != null) {
      // a log line printed over the bar would be torn; the bar is redrawn below it
      err.print("\r\033[K");
    }
    err.println(s);
    err.flush();
  }

  public static String format(StepMetrics m) {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%-5s step %d  epoch %d  loss %.4f", m.split(), m.step(), m.epoch(), m.loss()));
    for (Map.Entry<String, Double> e : m.metrics().entrySet()) {
      s.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
    }
    s.append(String.format(Locale.ROOT, "  %.0f examples/s", m.examplesPerSecond()));
    return s.toString();
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
