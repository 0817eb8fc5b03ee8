package io.inscope.runner;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import sun.misc.Signal;

/**
 * {@code java -jar runner.jar ...}. TensorFlow's native logging reads {@code TF_CPP_MIN_LOG_LEVEL}
 * once, when the library loads, and Java cannot set its own environment: so a command that loads
 * TensorFlow with the variable unset runs itself again in a child JVM with it set to 2 (warnings
 * and errors only), forwarding SIGTERM and the exit code; the child runs with C1 only
 * ({@code -XX:TieredStopAtLevel=1}) unless the JIT was configured or the run streams a split
 * ({@link StreamedRuns}), and with its young generation
 * capped ({@code -XX:MaxNewSize=256m}) unless a heap size or collector was chosen ({@link
 * ChildJvm}). Set the variable yourself to skip this. The child ends with the launcher: a kill -9 of the launcher stops the child as a
 * SIGTERM would ({@link ParentWatch}).
 */
public final class Main {
  static final String LOG_LEVEL = "TF_CPP_MIN_LOG_LEVEL";
  private static final Set<String> LIGHT = Set.of("check", "render", "schema", "report", "-h", "--help", "-V", "--version");

  private Main() {}

  public static void main(String[] args) throws IOException, InterruptedException {
    if (System.getenv(LOG_LEVEL) == null && args.length > 0 && !LIGHT.contains(args[0])) {
      System.exit(relaunch(args));
    }
    ParentWatch.startIfLaunched();
    System.exit(Cli.execute(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  private static int relaunch(String[] args) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command().orElse("java"));
    List<String> jvm = ManagementFactory.getRuntimeMXBean().getInputArguments();
    cmd.addAll(ChildJvm.defaults(jvm, System.getenv(), StreamedRuns.streams(args, System.getenv())));
    cmd.addAll(jvm);
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add(Main.class.getName());
    cmd.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
    pb.environment().put(LOG_LEVEL, "2");
    pb.environment().put(ParentWatch.ENV, Long.toString(ProcessHandle.current().pid()));
    Process child = pb.start();
    // Ctrl-C reaches the child directly (same process group); a scheduler's SIGTERM is passed on
    Signal.handle(new Signal("INT"), s -> {});
    Signal.handle(new Signal("TERM"), s -> child.destroy());
    return child.waitFor();
  }
}
