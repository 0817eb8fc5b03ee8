package io.inscope.runner;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code java -jar target/runner.jar ...} as a child process, its output in a log file. {@code
 * TF_CPP_MIN_LOG_LEVEL} is set so the runner does not re-launch itself, and {@code TF_CONFIG} is
 * cleared so the machine's environment cannot change a test's cluster.
 */
final class JarProcess {
  static final Path JAR = Path.of("target", "runner.jar");

  final Process process;
  final Path log;
  int exit;
  String output;

  private JarProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  static JarProcess start(Path logDir, String... args) throws IOException {
    return start(logDir, true, args);
  }

  /** As users start it: without {@code TF_CPP_MIN_LOG_LEVEL}, so the launcher re-launches itself in a child JVM. */
  static JarProcess startLauncher(Path logDir, String... args) throws IOException {
    return start(logDir, false, args);
  }

  /** {@code java -cp runner.jar:<extra> io.inscope.runner.Main ...}: the runner with a plugin jar. */
  static JarProcess startWith(Path logDir, Path extraJar, String... args) throws IOException {
    return launch(logDir, true, List.of("-cp", JAR + File.pathSeparator + extraJar, "io.inscope.runner.Main"), args);
  }

  private static JarProcess start(Path logDir, boolean logLevelSet, String... args) throws IOException {
    return launch(logDir, logLevelSet, List.of("-jar", JAR.toString()), args);
  }

  private static JarProcess launch(Path logDir, boolean logLevelSet, List<String> how, String... args) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    cmd.addAll(how);
    cmd.addAll(List.of(args));
    File log = Files.createTempFile(logDir, "proc", ".log").toFile();
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log);
    if (logLevelSet) {
      pb.environment().put("TF_CPP_MIN_LOG_LEVEL", "2");
    } else {
      pb.environment().remove("TF_CPP_MIN_LOG_LEVEL");
    }
    pb.environment().remove("TF_CONFIG");
    return new JarProcess(pb.start(), log.toPath());
  }

  /** Waits for the process to end (killing it after {@code seconds}); keeps its code and output. */
  JarProcess finish(long seconds) throws Exception {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out after " + seconds + " s: " + Files.readString(log));
    }
    exit = process.exitValue();
    output = Files.readString(log);
    return this;
  }
}
