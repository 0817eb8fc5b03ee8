package io.inscope.configs;

import java.util.Locale;

/**
 * Which way a watched evaluation value improves: {@code min}, {@code max}, or {@code auto}, Keras'
 * rule (max when the metric's name contains {@code acc} or is an auc, precision, recall or f1
 * metric; min otherwise).
 */
public enum MonitorMode {
  AUTO,
  MAX,
  MIN;

  /** True when a larger value of {@code monitor} ({@code eval.loss}, {@code eval.accuracy}) is better. */
  public boolean maximizes(String monitor) {
    if (this != AUTO) {
      return this == MAX;
    }
    String m = metricName(monitor).toLowerCase(Locale.ROOT);
    return m.contains("acc") || m.startsWith("auc") || m.startsWith("precision")
        || m.startsWith("recall") || m.startsWith("f1");
  }

  /** The name in an evaluation's results: {@code eval.loss} -> {@code loss}. */
  public static String metricName(String monitor) {
    return monitor.substring(monitor.indexOf('.') + 1);
  }

  /** Checks that {@code monitor} names an evaluation value; {@code key} is reported on failure. */
  public static void checkMonitor(String key, String monitor) {
    if (!monitor.matches("eval\\.[a-z0-9_]+")) {
      throw new SpecException(key, "expected eval.loss or eval.<metric name> (got '" + monitor + "')");
    }
  }
}
