package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.code_intelligence.jazzer.api.BugDetectors;
import com.code_intelligence.jazzer.api.SilentCloseable;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Coverage-guided fuzzing of the job loader (Jazzer): any bytes, read as a job file, either load
 * as a valid job that renders and reloads to an equal spec, or fail with a {@link
 * JobFileException} whose every error is well formed: a position inside the file (or {@code
 * --set}), a lower-case message without a trailing period or a Java exception in it, and no raw
 * control character. Nothing else may be thrown.
 *
 * <p>A line {@code #--set PATH=VALUE} of the input is also applied as an override and {@code #env
 * NAME=VALUE} sets an environment variable (both are YAML comments), so one input fuzzes the file,
 * the overrides and interpolation together. The input is written to {@code job.yaml} in a
 * directory that also holds {@code base.yaml} (a valid base job) and {@code data/iris.csv}.
 *
 * <p>{@code mvn test} runs the committed corpus in {@code
 * src/test/resources/io/inscope/configs/JobLoaderFuzzTestInputs/} (and the empty input) as
 * regression tests. {@code mvn -pl configs test -Pfuzz} fuzzes for {@code -Dfuzz.duration} (60s by
 * default); a finding fails the test and is written to that directory's {@code
 * loadsOrReportsEveryErrorCleanly/} folder: fix it and commit the file.
 */
class JobLoaderFuzzTest {
  private static final Path DIR = workspace();
  private static final Path JOB = DIR.resolve("job.yaml");
  /** A qualified exception class name ({@code java.lang.ArithmeticException}) or a stack frame. */
  private static final Pattern EXCEPTION = Pattern.compile("[\\w$]+(\\.[\\w$]+)+(Exception|Error)\\b|\\bat [\\w$.]+\\(");

  @FuzzTest(maxDuration = "60s")
  void loadsOrReportsEveryErrorCleanly(byte[] input) throws IOException {
    Files.write(JOB, input);
    String text = new String(input, StandardCharsets.UTF_8);
    List<String> overrides = new ArrayList<>();
    Map<String, String> env = new HashMap<>();
    for (String line : text.split("\n", -1)) {
      if (line.startsWith("#--set ")) {
        overrides.add(line.substring("#--set ".length()));
      } else if (line.startsWith("#env ") && line.indexOf('=') > 0) {
        env.put(line.substring("#env ".length(), line.indexOf('=')), line.substring(line.indexOf('=') + 1));
      }
    }
    // the loader reads whatever paths a job names (extends, data files): that is its contract
    try (SilentCloseable anyPath = BugDetectors.setFilePathTraversalTarget(() -> null)) {
      JobSpec spec;
      try {
        spec = new JobLoader(env).load(JOB, overrides).spec();
      } catch (JobFileException e) {
        checkReport(e, text);
        return;
      }
      String rendered = JobRenderer.render(spec);
      if (!rendered.contains("***")) {
        try {
          assertEquals(spec, new JobLoader(Map.of()).loadResolved(rendered, JOB).spec(), rendered);
        } catch (JobFileException e) {
          fail("the rendered job does not load:\n" + rendered + "\n" + e.report());
        }
      }
    }
  }

  private static void checkReport(JobFileException e, String text) {
    int lines = text.split("\r\n|[\n\r\u0085\u2028\u2029]", -1).length;
    for (ConfigError error : e.errors()) {
      String line = error.format();
      assertFalse(Escapes.needsEscaping(line), line);
      String message = error.message();
      assertFalse(message.isBlank(), line);
      assertFalse(Character.isUpperCase(message.codePointAt(0)), "a message starts in lower case: " + line);
      // a message may end with a value echoed from the input (a path ending in '.'), not with a period of its own
      String[] words = message.split("[\\s/'\":]");
      assertTrue(!message.endsWith(".") || text.contains(words[words.length - 1]), "no trailing period: " + line);
      Matcher exception = EXCEPTION.matcher(message);
      while (exception.find()) {
        assertTrue(text.contains(exception.group()), "no Java exception in a message: " + line);
      }
      if (!error.source().equals("--set")) {
        assertTrue(error.line() >= 1 && error.column() >= 1, "a position in the file: " + line);
      }
      if (error.source().equals(JOB.toString())) {
        assertTrue(error.line() <= lines, "line " + error.line() + " of " + lines + ": " + line);
      }
    }
  }

  private static Path workspace() {
    try {
      Path dir = Files.createTempDirectory("job-loader-fuzz");
      Files.createDirectories(dir.resolve("data"));
      Files.copy(Path.of("src/test/resources/bad/data/iris.csv"), dir.resolve("data/iris.csv"));
      Files.writeString(dir.resolve("base.yaml"), Jobs.TINY);
      for (Path p : List.of(dir, dir.resolve("data"), dir.resolve("data/iris.csv"), dir.resolve("base.yaml"), dir.resolve("job.yaml"))) {
        p.toFile().deleteOnExit();
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
