package io.inscope.runner.internal;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The report as one self-contained HTML page: no script, no external file; the chart is inlined as
 * a base64 PNG. Per run: the final training and evaluation metrics, the latest confusion matrix
 * (a classifier with an eval split), the provenance and the
 * resolved job.
 */
public final class ReportPage {
  private static final String STYLE = """
      body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;margin:2em auto;max-width:1300px;color:#222;padding:0 1em}
      h1{font-size:1.5em}h2{font-size:1.2em;margin-top:2em;border-bottom:1px solid #ddd}
      table{border-collapse:collapse;margin:.5em 0}td,th{border:1px solid #ddd;padding:.25em .6em;text-align:right}
      th{background:#f4f4f4}td:first-child,th:first-child{text-align:left}
      pre{background:#f7f7f7;border:1px solid #ddd;padding:.8em;overflow:auto;font-size:.85em}
      img{max-width:100%;border:1px solid #ddd}.swatch{display:inline-block;width:.9em;height:.9em;margin-right:.4em;vertical-align:middle}
      """;

  private ReportPage() {}

  public static String html(List<RunRecord> runs, byte[] png, Instant generated) {
    StringBuilder h = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
    h.append("<title>Inscope report: ").append(esc(String.join(", ", runs.stream().map(RunRecord::name).toList())))
        .append("</title>\n<style>").append(STYLE).append("</style>\n</head>\n<body>\n");
    h.append("<h1>Training report</h1>\n<p>").append(runs.size()).append(runs.size() == 1 ? " run" : " runs")
        .append(", generated ").append(esc(generated.toString())).append(" by runner.jar report.</p>\n");
    h.append("<img alt=\"loss and metric curves of every run (solid: train, dashed: eval)\" src=\"data:image/png;base64,")
        .append(Base64.getEncoder().encodeToString(png)).append("\">\n");
    finalMetrics(h, runs);
    if (runs.size() > 1) {
      differences(h, runs);
    }
    for (int i = 0; i < runs.size(); i++) {
      run(h, runs.get(i), i);
    }
    return h.append("</body>\n</html>\n").toString();
  }

  private static void finalMetrics(StringBuilder h, List<RunRecord> runs) {
    List<String> metrics = ReportChart.metrics(runs);
    h.append("<h2>Final metrics</h2>\n<table>\n<tr><th>run</th><th>split</th><th>step</th><th>epoch</th>");
    metrics.forEach(m -> h.append("<th>").append(esc(m)).append("</th>"));
    h.append("<th>examples/s</th></tr>\n");
    for (int i = 0; i < runs.size(); i++) {
      for (String split : List.of("train", "eval")) {
        RunRecord.Point p = runs.get(i).last(split);
        if (p == null) {
          continue;
        }
        h.append("<tr><td>").append(swatch(i)).append(esc(runs.get(i).name())).append("</td><td>").append(split)
            .append("</td><td>").append(p.step()).append("</td><td>").append(p.epoch()).append("</td>");
        metrics.forEach(m -> h.append("<td>").append(number(p.values().get(m))).append("</td>"));
        h.append("<td>").append(String.format(Locale.ROOT, "%.0f", p.examplesPerSecond())).append("</td></tr>\n");
      }
    }
    h.append("</table>\n");
  }

  /** Every job key whose value is not the same in all runs (absent counts as a value). */
  private static void differences(StringBuilder h, List<RunRecord> runs) {
    List<Map<String, String>> jobs = runs.stream().map(RunRecord::jobKeys).toList();
    Set<String> keys = new LinkedHashSet<>();
    jobs.forEach(j -> keys.addAll(j.keySet()));
    h.append("<h2>How the jobs differ</h2>\n");
    List<String> differing = keys.stream()
        .filter(k -> jobs.stream().map(j -> j.getOrDefault(k, "")).distinct().count() > 1).toList();
    if (differing.isEmpty()) {
      h.append("<p>The resolved jobs are the same.</p>\n");
      return;
    }
    h.append("<table>\n<tr><th>key</th>");
    for (int i = 0; i < runs.size(); i++) {
      h.append("<th>").append(swatch(i)).append(esc(runs.get(i).name())).append("</th>");
    }
    h.append("</tr>\n");
    for (String k : differing) {
      h.append("<tr><td>").append(esc(k)).append("</td>");
      jobs.forEach(j -> h.append("<td style=\"text-align:left\">").append(esc(j.getOrDefault(k, "(absent)"))).append("</td>"));
      h.append("</tr>\n");
    }
    h.append("</table>\n");
  }

  private static void run(StringBuilder h, RunRecord run, int index) {
    h.append("<h2>").append(swatch(index)).append(esc(run.name())).append("</h2>\n<p>Run directory: <code>")
        .append(esc(run.dir().toAbsolutePath().normalize().toString())).append("</code></p>\n");
    h.append("<h3>Provenance</h3>\n");
    if (run.provenance().isEmpty()) {
      h.append("<p>no provenance.json</p>\n");
    } else {
      h.append("<table>\n");
      Set<String> keys = new LinkedHashSet<>(List.of("runner", "tensorflow", "tensorflow_java", "java", "os", "arch",
          "cpus", "devices", "replica_devices", "strategy", "start_time", "spec_sha256", "seed"));
      keys.addAll(run.provenance().keySet());
      for (String k : keys) {
        String v = run.provenance().get(k);
        if (v != null) {
          h.append("<tr><td>").append(esc(k)).append("</td><td style=\"text-align:left\">").append(esc(v)).append("</td></tr>\n");
        }
      }
      h.append("</table>\n");
    }
    if (!run.confusionMatrix().isEmpty()) {
      h.append("<h3>Confusion matrix (latest evaluation; rows: true class, columns: predicted)</h3>\n<table>\n");
      for (int r = 0; r < run.confusionMatrix().size(); r++) {
        h.append("<tr>");
        List<String> row = run.confusionMatrix().get(r);
        for (int c = 0; c < row.size(); c++) {
          String tag = r == 0 || c == 0 ? "th" : "td";
          // the diagonal (correct predictions) stands out
          String style = r > 0 && r == c ? " style=\"background:#e6f4ea\"" : "";
          h.append('<').append(tag).append(style).append('>').append(esc(row.get(c))).append("</").append(tag).append('>');
        }
        h.append("</tr>\n");
      }
      h.append("</table>\n");
    }
    h.append("<h3>Resolved job</h3>\n");
    h.append(run.resolvedJob().isEmpty() ? "<p>no job.resolved.yaml</p>\n" : "<pre>" + esc(run.resolvedJob()) + "</pre>\n");
  }

  private static String swatch(int run) {
    return "<span class=\"swatch\" style=\"background:" + ReportChart.css(run) + "\"></span>";
  }

  private static String number(Double v) {
    return v == null ? "" : String.format(Locale.ROOT, "%.4f", v);
  }

  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
