package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.Font;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;

class ReportChartTest {
  private static final Styler STYLER = new XYChartBuilder().build().getStyler();
  private static final Font FONT = STYLER.getLegendFont();

  @Test
  void aShortNameIsKeptWhole() {
    assertEquals("iris train", ReportChart.ellipsize("iris", " train", FONT, 200));
  }

  @Test
  void longSweepNamesAreCutInTheMiddleToTheirShareOfTheLegendAndStayDistinct() {
    String stem = "a-very-long-experiment-name-that-a-person-wrote-for-a-sweep-" + "x".repeat(60) + ",learning_rate=";
    List<String> names = List.of(stem + "0.1", stem + "0.01");
    int entries = names.size() * 2;
    int width = ReportChart.legendLabelWidth(STYLER, entries);
    assertTrue(width >= ReportChart.MIN_LABEL_WIDTH, "4 entries share one row: " + width);
    var fm = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB).createGraphics().getFontMetrics(FONT);
    int total = 0;
    List<String> labels = new ArrayList<>();
    for (String n : names) {
      for (String split : List.of(" train", " eval")) {
        String label = ReportChart.ellipsize(n, split, FONT, width);
        assertTrue(fm.stringWidth(label) <= width, label + " is " + fm.stringWidth(label) + " px, more than " + width);
        assertTrue(label.startsWith("a-v") && label.contains("...") && label.endsWith(n.substring(n.length() - 2) + split), label);
        labels.add(label);
        total += fm.stringWidth(label) + STYLER.getLegendSeriesLineLength() + 3 * STYLER.getLegendPadding();
      }
    }
    assertTrue(total <= ReportChart.PANEL_WIDTH - 2 * STYLER.getChartPadding(), "the legend row takes " + total + " px");
    assertEquals(4, new HashSet<>(labels).size(), labels.toString());
    int alone = ReportChart.legendLabelWidth(STYLER, 1);
    assertTrue(fm.stringWidth(ReportChart.ellipsize(names.get(0), " train", FONT, alone)) <= alone);
  }

  @Test
  void runsWhoseNamesShortenAlikeStillRender() {
    String stem = "y".repeat(150);
    List<RunRecord> runs = new ArrayList<>();
    for (String tail : List.of("a", "b", "c")) {
      // same start and end once shortened: "yyy...yyy" for all three would clash in XChart
      String name = stem + tail + stem;
      runs.add(new RunRecord(name, Path.of(name), List.of(
          new RunRecord.Point("train", 10, 1, Map.of("loss", 1.0), 1),
          new RunRecord.Point("train", 20, 1, Map.of("loss", 0.5), 1)), "", Map.of()));
    }
    BufferedImage image = ReportChart.render(runs);
    assertEquals(ReportChart.PANEL_WIDTH, image.getWidth());
  }
}
