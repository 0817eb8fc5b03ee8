package io.inscope.runner;

import io.inscope.runner.internal.ReportChart;
import io.inscope.runner.internal.ReportPage;
import io.inscope.runner.internal.RunRecord;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Writes a picture of one or several runs without TensorBoard: a PNG of the loss and metric curves
 * (runs overlaid) and a self-contained HTML page with that PNG, the final metrics, the provenance
 * and the resolved job of each run. Reads only the run directories' files, never TensorFlow.
 */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description = "Write an HTML page and a PNG with the curves, final metrics, provenance and resolved job of the runs.")
public final class ReportCommand implements Callable<Integer> {
  @Parameters(arity = "1..*", paramLabel = "RUN_DIR", description = "run directories (each holds metrics.jsonl)")
  List<Path> runDirs;

  @Option(names = {"-o", "--output"}, paramLabel = "FILE.html", defaultValue = "report.html",
      description = "the HTML page to write; the PNG goes beside it with the extension .png (default: ${DEFAULT-VALUE})")
  Path html;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    if (System.getProperty("java.awt.headless") == null) {
      System.setProperty("java.awt.headless", "true");
    }
    List<RunRecord> runs = new ArrayList<>();
    for (Path dir : runDirs) {
      runs.add(RunRecord.read(dir));
    }
    runs = distinctNames(runs);
    BufferedImage image = ReportChart.render(runs);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(image, "png", png);
    String name = html.getFileName().toString();
    Path pngFile = html.resolveSibling((name.endsWith(".html") ? name.substring(0, name.length() - 5) : name) + ".png");
    try {
      if (html.toAbsolutePath().getParent() != null) {
        Files.createDirectories(html.toAbsolutePath().getParent());
      }
      Files.write(pngFile, png.toByteArray());
      Files.writeString(html, ReportPage.html(runs, png.toByteArray(), Instant.now()));
    } catch (IOException e) {
      throw new UserException(ExitCodes.USAGE, "cannot write the report to " + html + " (" + e + "); choose another place with --output");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("wrote " + html + " and " + pngFile);
    out.flush();
    return ExitCodes.OK;
  }

  /** Runs whose directories share a name (a/run, b/run) are labelled by the path given instead. */
  private List<RunRecord> distinctNames(List<RunRecord> runs) {
    Map<String, Integer> count = new HashMap<>();
    runs.forEach(r -> count.merge(r.name(), 1, Integer::sum));
    return runs.stream().map(r -> count.get(r.name()) > 1 ? r.named(r.dir().toString()) : r).toList();
  }
}
