package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A value interpolated from an environment variable whose name looks secret appears nowhere that
 * is written or shown: not in {@code render}, the run directory's name, job.resolved.yaml,
 * provenance.json, finished.json, the run's output or report.html.
 */
class SecretsIT {
  private static final String SECRET = "hunter2-s3cr3t";
  @TempDir Path tmp;

  @Test
  void aSecretFromTheEnvironmentIsRedactedEverywhere() throws Exception {
    Path runs = tmp.resolve("runs");
    Path job = CliHarness.syntheticJob(tmp, "output: " + runs + "/${name}\n");
    Files.writeString(job, Files.readString(job).replace("name: synth", "name: synth-${API_TOKEN}"));

    String render = run("render", job.toString());
    assertTrue(render.contains("name: synth-***"), render);

    String output = run("run", job.toString(), "--set", "train.steps=5");
    assertTrue(output.contains("done: synth-***, 5 steps"), output);
    Path dir = runs.resolve("synth-redacted");
    assertTrue(Files.exists(dir.resolve("finished.json")), output);
    assertTrue(Files.readString(dir.resolve("job.resolved.yaml")).contains("name: synth-***"));

    String again = run("run", job.toString(), "--set", "train.steps=5");
    assertTrue(again.contains("synth-*** already finished"), again);

    String report = run("report", dir.toString(), "-o", tmp.resolve("report.html").toString());
    List<Path> written = new ArrayList<>();
    try (Stream<Path> s = Files.walk(tmp)) {
      s.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().endsWith(".log")).forEach(written::add);
    }
    assertTrue(written.contains(tmp.resolve("report.html")), written.toString());
    for (Path f : written) {
      assertFalse(f.toString().contains(SECRET), "a file name holds the secret: " + f);
      if (!f.startsWith(dir.resolve("checkpoints")) && !f.startsWith(dir.resolve("tensorboard"))) {
        assertFalse(Files.readString(f, java.nio.charset.StandardCharsets.ISO_8859_1).contains(SECRET), "in " + f);
      }
    }
    for (String shown : List.of(render, output, again, report)) {
      assertFalse(shown.contains(SECRET), shown);
    }
  }

  private String run(String... args) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JarProcess.JAR.toString()));
    cmd.addAll(List.of(args));
    File log = Files.createTempFile(tmp, "proc", ".log").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    pb.environment().put("API_TOKEN", SECRET);
    Process p = pb.start();
    assertTrue(p.waitFor(300, TimeUnit.SECONDS), Files.readString(log.toPath()));
    String out = Files.readString(log.toPath());
    assertEquals(0, p.exitValue(), out);
    return out;
  }
}
