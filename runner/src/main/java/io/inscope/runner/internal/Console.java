package io.inscope.runner.internal;

import io.inscope.modules.train.StepMetrics;
import io.inscope.modules.train.TrainListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a person sees: on a terminal, a progress bar with step, time elapsed and left, epoch, loss,
 * the metrics and examples/s; otherwise one line per log step (with the time left) and per
 * evaluation. Every metric also goes to metrics.jsonl.
 */
public final class Console implements TrainListener, AutoCloseable {
  private final PrintWriter err;
  private final MetricsFile metrics;
  private final boolean quiet;
  private final boolean verbose;
  private final long startStep;
  private final long total;
  private final long startNanos = System.nanoTime();
  private ProgressBar bar;
  private String epoch = "";
  private String lastLog = "";

  public Console(PrintWriter err, MetricsFile metrics, boolean quiet, boolean verbose, boolean terminal, long startStep, long total) {
    this.err = err;
    this.metrics = metrics;
    this.quiet = quiet;
    this.verbose = verbose;
    this.startStep = startStep;
    this.total = total;
    if (terminal && !quiet) {
      bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).startsFrom(startStep, java.time.Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate()
          // the plain consumer redraws in place with '\r'; the interactive one moves the cursor up
          // and would overwrite the evaluation lines printed between redraws
          .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
    }
  }

  @Override
  public void onStep(long step, long totalSteps, double loss) {
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(epoch + String.format(Locale.ROOT, "loss %.4f", loss) + lastLog);
    }
  }

  @Override
  public void onLog(StepMetrics m) {
    metrics.write(m);
    if (bar != null) {
      epoch = "epoch " + m.epoch() + ", ";
      lastLog = barSuffix(m);
    } else if (!quiet) {
      line(format(m) + "  eta " + eta(m.step()));
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
    for (Map.Entry<String, Double> e : new java.util.TreeMap<>(m.metrics()).entrySet()) {
      s.append(String.format(Locale.ROOT, "  %s %.4f", e.getKey(), e.getValue()));
    }
    s.append(String.format(Locale.ROOT, "  %.0f examples/s", m.examplesPerSecond()));
    return s.toString();
  }

  /** What the bar shows after the loss of the latest step: the metrics and speed of the latest log. */
  static String barSuffix(StepMetrics m) {
    StringBuilder s = new StringBuilder();
    new java.util.TreeMap<>(m.metrics()).forEach((k, v) -> s.append(String.format(Locale.ROOT, ", %s %.4f", k, v)));
    return s.append(String.format(Locale.ROOT, ", %.0f ex/s", m.examplesPerSecond())).toString();
  }

  /** Time left at the mean pace of this process's steps so far, as {@code 1h02m03s}, {@code 4m05s} or {@code 6s}. */
  String eta(long step) {
    long done = step - startStep;
    if (done <= 0) {
      return "?";
    }
    long seconds = Math.round((System.nanoTime() - startNanos) / 1e9 / done * Math.max(0, total - step));
    if (seconds >= 3600) {
      return String.format(Locale.ROOT, "%dh%02dm%02ds", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
    return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
  }

  @Override
  public void close() {
    if (bar != null) {
      bar.close();
      bar = null;
    }
  }
}
