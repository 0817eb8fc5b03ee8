package io.inscope.runner.internal;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The report's picture, drawn with XChart: one chart per metric ({@code loss} first), two per row,
 * every run overlaid in its own colour, training as a solid line and evaluation dashed with dots.
 * The legend is one row, or one entry per line when a row would leave a label under {@value
 * #MIN_LABEL_WIDTH} pixels; labels longer than their room are shortened in the middle.
 */
public final class ReportChart {
  public static final int PANEL_WIDTH = 640;
  public static final int PANEL_HEIGHT = 400;
  private static final int COLUMNS = 2;
  static final int MIN_LABEL_WIDTH = 90;
  private static final Color[] PALETTE = {
    new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0xff7f0e),
    new Color(0x9467bd), new Color(0x8c564b), new Color(0xe377c2), new Color(0x17becf)
  };

  private static final Graphics2D METRICS = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics();

  private ReportChart() {}

  /** Every metric any run has, loss first. */
  public static List<String> metrics(List<RunRecord> runs) {
    Set<String> names = new LinkedHashSet<>();
    runs.forEach(r -> names.addAll(r.metricNames()));
    return List.copyOf(names);
  }

  /** The whole picture: {@code min(metrics, 2)} panels wide, as many rows as needed. */
  public static BufferedImage render(List<RunRecord> runs) {
    List<String> metrics = metrics(runs);
    int columns = Math.min(COLUMNS, metrics.size());
    int rows = (metrics.size() + columns - 1) / columns;
    BufferedImage image = new BufferedImage(columns * PANEL_WIDTH, rows * PANEL_HEIGHT, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    try {
      g.setColor(Color.WHITE);
      g.fillRect(0, 0, image.getWidth(), image.getHeight());
      for (int i = 0; i < metrics.size(); i++) {
        BufferedImage panel = BitmapEncoder.getBufferedImage(panel(metrics.get(i), runs));
        g.drawImage(panel, (i % columns) * PANEL_WIDTH, (i / columns) * PANEL_HEIGHT, null);
      }
    } finally {
      g.dispose();
    }
    return image;
  }

  private static XYChart panel(String metric, List<RunRecord> runs) {
    XYChart chart = new XYChartBuilder().width(PANEL_WIDTH).height(PANEL_HEIGHT)
        .title(metric).xAxisTitle("step").yAxisTitle(metric).build();
    Styler s = chart.getStyler();
    s.setChartBackgroundColor(Color.WHITE);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    chart.getStyler().setPlotGridLinesColor(new Color(0xdddddd));
    chart.getStyler().setXAxisMin(0.0);
    chart.getStyler().setMarkerSize(6);
    int entries = 0;
    for (RunRecord run : runs) {
      for (String split : List.of("train", "eval")) {
        entries += curve(run, split, metric).isEmpty() ? 0 : 1;
      }
    }
    int labelWidth = legendLabelWidth(s, Math.max(1, entries));
    if (labelWidth < MIN_LABEL_WIDTH) {
      // too many runs for one row: one entry per line, each as wide as the panel allows
      s.setLegendLayout(Styler.LegendLayout.Vertical);
      labelWidth = legendLabelWidth(s, 1);
    }
    Set<String> used = new java.util.HashSet<>();
    for (int r = 0; r < runs.size(); r++) {
      Color color = PALETTE[r % PALETTE.length];
      for (String split : List.of("train", "eval")) {
        TreeMap<Long, Double> curve = curve(runs.get(r), split, metric);
        if (curve.isEmpty()) {
          continue;
        }
        double[] x = curve.keySet().stream().mapToDouble(Long::doubleValue).toArray();
        double[] y = curve.values().stream().mapToDouble(Double::doubleValue).toArray();
        String label = ellipsize(runs.get(r).name(), " " + split, s.getLegendFont(), labelWidth);
        // two long names can shorten to the same label; the number keeps XChart's series names unique
        label = used.add(label) ? label : ellipsize(runs.get(r).name(), " #" + (r + 1) + " " + split, s.getLegendFont(), labelWidth);
        used.add(label);
        XYSeries series = chart.addSeries(label, x, y);
        series.setLineColor(color);
        series.setMarkerColor(color);
        boolean train = split.equals("train");
        series.setLineStyle(train ? SeriesLines.SOLID : SeriesLines.DASH_DASH);
        series.setMarker(train && x.length > 1 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
      }
    }
    if (chart.getSeriesMap().isEmpty()) {
      chart.addSeries("no values", new double[] {0}, new double[] {0}).setMarker(SeriesMarkers.NONE);
    }
    return chart;
  }

  /**
   * The pixels one legend label may take so that {@code entries} labels fit side by side in a
   * panel: the panel less the chart's and the legend's padding, shared equally, less each entry's
   * line sample and gaps (XChart's horizontal legend does not wrap: a longer legend is cut off).
   * Below {@link #MIN_LABEL_WIDTH} the legend lists one entry per line instead.
   */
  static int legendLabelWidth(Styler s, int entries) {
    int available = PANEL_WIDTH - 2 * s.getChartPadding() - 2 * s.getLegendPadding();
    int perEntry = s.getLegendSeriesLineLength() + 3 * s.getLegendPadding();
    return Math.max(0, available / entries - perEntry);
  }

  /**
   * {@code name + suffix} if it fits in {@code maxPixels} of {@code font}, else the name cut in the
   * middle with "..." (runs of a sweep differ at the end of their names, so both ends are kept),
   * always followed by the whole suffix.
   */
  static String ellipsize(String name, String suffix, Font font, int maxPixels) {
    FontMetrics fm = METRICS.getFontMetrics(font);
    if (fm.stringWidth(name + suffix) <= maxPixels) {
      return name + suffix;
    }
    for (int keep = name.length() - 1; keep > 0; keep--) {
      String cut = name.substring(0, (keep + 1) / 2) + "..." + name.substring(name.length() - keep / 2);
      if (fm.stringWidth(cut + suffix) <= maxPixels) {
        return cut + suffix;
      }
    }
    return "..." + suffix;
  }

  /** Step to value; where a resumed run logged a step twice, the later line wins. */
  static TreeMap<Long, Double> curve(RunRecord run, String split, String metric) {
    TreeMap<Long, Double> curve = new TreeMap<>();
    for (RunRecord.Point p : run.split(split)) {
      Double v = p.values().get(metric);
      if (v != null && Double.isFinite(v)) {
        curve.put(p.step(), v);
      }
    }
    return curve;
  }

  /** Per run colour as CSS, to match the legend in the page's tables. */
  public static String css(int run) {
    return String.format("#%06x", PALETTE[run % PALETTE.length].getRGB() & 0xffffff);
  }
}
