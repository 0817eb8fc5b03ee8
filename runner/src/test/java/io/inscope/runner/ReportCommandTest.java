package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {
  @TempDir Path tmp;

  @Test
  void aReportOfTwoRunsHasTheirCurvesFinalMetricsProvenanceAndJobs() throws Exception {
    Path job = CliHarness.syntheticJob(tmp, "");
    Path sgd = tmp.resolve("sgd-momentum");
    Path adam = tmp.resolve("adam-fast");
    String schedule = "train={steps: 60, log_every_steps: 5, eval_every: 20}";
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", sgd.toString(), "--quiet", "--set", schedule).exit());
    assertEquals(0, CliHarness.run("run", job.toString(), "--output", adam.toString(), "--quiet", "--set", schedule,
        "--set", "optimizer={adam: {learning_rate: 0.02}}").exit());

    Path html = tmp.resolve("out/report.html");
    CliHarness.Run r = CliHarness.run("report", sgd.toString(), adam.toString(), "--output", html.toString());
    assertEquals(0, r.exit(), r.err());
    Path png = tmp.resolve("out/report.png");
    assertTrue(r.out().contains("wrote " + html + " and " + png), r.out());

    BufferedImage image = ImageIO.read(png.toFile());
    assertEquals(1280, image.getWidth(), "two panels side by side");
    assertEquals(800, image.getHeight(), "three panels (loss, accuracy, learning_rate) in two rows");
    assertTrue(distinctColors(image) > 20, "the curves, axes and text are drawn");

    String page = Files.readString(html);
    assertTrue(page.contains("sgd-momentum") && page.contains("adam-fast"));
    assertTrue(page.contains("learning_rate: 0.05") && page.contains("learning_rate: 0.02"), "both resolved jobs");
    assertTrue(page.contains("<td>optimizer.adam.learning_rate</td><td style=\"text-align:left\">(absent)</td>"
        + "<td style=\"text-align:left\">0.02</td>"), "the keys that differ");
    assertFalse(page.contains("<td>model.layers[0].dense.units</td>"), "only the keys that differ");
    assertTrue(page.contains("<td>spec_sha256</td>") && page.contains("<td>tensorflow</td>"), "the provenance");
    for (Path run : List.of(sgd, adam)) {
      JsonNode eval = lastEval(run);
      String row = "<td>eval</td><td>60</td><td>" + eval.get("epoch").asLong() + "</td><td>"
          + String.format(Locale.ROOT, "%.4f", eval.get("loss").asDouble()) + "</td><td>"
          + String.format(Locale.ROOT, "%.4f", eval.get("accuracy").asDouble()) + "</td>";
      assertTrue(page.contains(row), "final eval metrics of " + run + ": " + row);
    }
    Matcher img = Pattern.compile("src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"").matcher(page);
    assertTrue(img.find(), "the PNG is inlined");
    assertEquals(Files.size(png), java.util.Base64.getDecoder().decode(img.group(1)).length);
    assertFalse(page.contains("<script") || page.contains("http://") || page.contains("https://"), "self-contained");
  }

  @Test
  void aDirectoryWithoutMetricsIsAUserError() throws Exception {
    CliHarness.Run r = CliHarness.run("report", tmp.toString(), "--output", tmp.resolve("r.html").toString());
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains(tmp.resolve("metrics.jsonl") + ": no such file"), r.err());
    assertFalse(Files.exists(tmp.resolve("r.html")));
  }

  @Test
  void aKilledRunsPartialLastLineIsSkippedAndABadEarlierLineIsAnError() throws Exception {
    Path run = Files.createDirectories(tmp.resolve("killed"));
    String good = "{\"split\":\"train\",\"step\":10,\"epoch\":1,\"loss\":0.75,\"examples_per_sec\":100.0}\n";
    Files.writeString(run.resolve("metrics.jsonl"), good + "{\"split\":\"train\",\"st");
    CliHarness.Run r = CliHarness.run("report", run.toString(), "--output", tmp.resolve("r.html").toString());
    assertEquals(0, r.exit(), r.err());
    String page = Files.readString(tmp.resolve("r.html"));
    assertTrue(page.contains("<td>train</td><td>10</td><td>1</td><td>0.7500</td>"), page);
    assertTrue(page.contains("no provenance.json") && page.contains("no job.resolved.yaml"));

    Files.writeString(run.resolve("metrics.jsonl"), "{oops\n" + good);
    r = CliHarness.run("report", run.toString(), "--output", tmp.resolve("r.html").toString());
    assertEquals(ExitCodes.USAGE, r.exit());
    assertTrue(r.err().contains(run.resolve("metrics.jsonl") + ":1: not a metrics line"), r.err());
  }

  private static JsonNode lastEval(Path run) throws Exception {
    JsonNode last = null;
    for (String line : Files.readAllLines(run.resolve("metrics.jsonl"))) {
      JsonNode n = new ObjectMapper().readTree(line);
      if (n.get("split").asText().equals("eval")) {
        last = n;
      }
    }
    return last;
  }

  private static long distinctColors(BufferedImage image) {
    java.util.Set<Integer> colors = new java.util.HashSet<>();
    for (int y = 0; y < image.getHeight(); y += 3) {
      for (int x = 0; x < image.getWidth(); x += 3) {
        colors.add(image.getRGB(x, y));
      }
    }
    return colors.size();
  }
}
