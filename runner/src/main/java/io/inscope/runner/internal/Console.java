package io.inscope.runner.internal;

import io.inscope.modules.train.StepMetrics;
import io.inscope.modules.train.TrainListener;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * What a person sees: on a terminal, a progress bar with step, time elapsed and left, epoch, loss,
 * the metrics and examples/s of the latest log, shortened to keep the bar at least {@value
 * #MIN_BAR} columns wide; otherwise one line per log step (with the time left) and per evaluation.
 * Every metric also goes to metrics.jsonl.
 */
public final class Console implements TrainListener, AutoCloseable {
  private final PrintWriter err;
  private final MetricsFile metrics;
  private final boolean quiet;
  private final boolean verbose;
  private final long startStep;
  private final long total;
  private static final int MIN_BAR = 10;
  private final long startNanos = System.nanoTime();
  private ProgressBar bar;
  private int barColumns = 80; // until the terminal says otherwise
  private double loss = Double.NaN;
  private StepMetrics lastLog;

  public Console(PrintWriter err, MetricsFile metrics, boolean quiet, boolean verbose, boolean terminal, long startStep, long total) {
    this.err = err;
    this.metrics = metrics;
    this.quiet = quiet;
    this.verbose = verbose;
    this.startStep = startStep;
    this.total = total;
    if (terminal && !quiet) {
      // the plain consumer redraws in place with '\r'; the interactive one moves the cursor up
      // and would overwrite the evaluation lines printed between redraws
      ConsoleProgressBarConsumer consumer = new ConsoleProgressBarConsumer(System.err);
      barColumns = consumer.getMaxRenderedLength();
      bar = new ProgressBarBuilder().setTaskName("train").setInitialMax(total).startsFrom(startStep, java.time.Duration.ZERO)
          .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(200).continuousUpdate()
          .setConsumer(consumer).build();
    }
  }

  @Override
  public void onStep(long step, long totalSteps, double loss) {
    this.loss = loss;
    if (bar != null) {
      bar.stepTo(step);
      bar.setExtraMessage(barMessage());
    }
  }

  @Override
  public void onLog(StepMetrics m) {
    metrics.write(m);
    lastLog = m;
    if (bar != null) {
      // the step's onStep came first: without this the bar would show the previous log's metrics
      bar.setExtraMessage(barMessage());
    } else if (!quiet) {
      line(format(m) + "  eta " + eta(m.step()));
    }
  }

  /** The text after the bar, fitted to the terminal. */
  String barMessage() {
    return barMessage(loss, lastLog, messageColumns(barColumns, total));
  }

  /**
   * The columns left for the bar's message on a terminal {@code columns} wide, keeping at least
   * {@value #MIN_BAR} for the bar itself: the library draws {@code train 43% [} before the bar and
   * {@code ] 1307/3000 (0:00:03 / 0:00:04) } after it, and shortens the bar to nothing (then cuts
   * the message) when the line is too long.
   */
  static int messageColumns(int columns, long total) {
    int ratio = 2 * Long.toString(total).length() + 1;
    int fixed = "train 100% [".length() + "] ".length() + ratio + " (0:00:00 / 0:00:00) ".length() + 2;
    return Math.max(0, columns - fixed - MIN_BAR);
  }

  /**
   * {@code epoch 3, loss 0.2500, accuracy 0.9000, 5100 ex/s}: the loss of the latest step, the
   * epoch, metrics and speed of the latest log. What does not fit in {@code width} columns is left
   * out, the least useful first: speed, then metrics from the last name, then the epoch; the loss
   * always stays.
   */
  static String barMessage(double loss, StepMetrics log, int width) {
    String lossPart = String.format(Locale.ROOT, "loss %.4f", loss);
    if (log == null) {
      return lossPart;
    }
    List<String> metricParts = new ArrayList<>();
    new TreeMap<>(log.metrics()).forEach((k, v) -> metricParts.add(String.format(Locale.ROOT, "%s %.4f", k, v)));
    String epochPart = "epoch " + log.epoch();
    String speedPart = String.format(Locale.ROOT, "%.0f ex/s", log.examplesPerSecond());
    List<String> byPriority = new ArrayList<>(List.of(lossPart, epochPart));
    byPriority.addAll(metricParts);
    byPriority.add(speedPart);
    Set<String> shown = new HashSet<>();
    int length = 0;
    for (int i = 0; i < byPriority.size(); i++) {
      String part = byPriority.get(i);
      int added = (shown.isEmpty() ? 0 : 2) + part.length();
      if (i == 0 || length + added <= width) {
        shown.add(part);
        length += added;
      }
    }
    List<String> inOrder = new ArrayList<>(List.of(epochPart, lossPart));
    inOrder.addAll(metricParts);
    inOrder.add(speedPart);
    return String.join(", ", inOrder.stream().filter(shown::contains).toList());
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

  @Override
  public void onStepsPerExecution(int steps, Map<Integer, Long> nanosPerStep) {
    if (!quiet) {
      line(stepsPerExecutionLine(steps, nanosPerStep));
    }
  }

  /** {@code steps_per_execution auto: 8 (µs per step by steps per run: 1: 812.3, 2: 640.1, ...)}. */
  public static String stepsPerExecutionLine(int steps, Map<Integer, Long> nanosPerStep) {
    List<String> parts = new ArrayList<>();
    nanosPerStep.forEach((k, ns) -> parts.add(String.format(Locale.ROOT, "%d: %.1f", k, ns / 1e3)));
    return "steps_per_execution auto: " + steps + " (µs per step by steps per run: " + String.join(", ", parts) + ")";
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
