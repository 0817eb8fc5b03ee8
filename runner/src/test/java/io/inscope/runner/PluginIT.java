package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The plugin of {@code examples/plugin/}, built here against runner.jar as its README says, adds
 * a layer kind that {@code check}, {@code schema}, {@code render}, {@code plan} and {@code run} of
 * the packaged runner all know.
 */
class PluginIT {
  private static final Path PLUGIN = Path.of("..", "examples", "plugin");
  @TempDir Path tmp;

  @Test
  void aPluginJarAddsALayerKindEveryCommandKnows() throws Exception {
    Path jar = build();
    Path job = PLUGIN.resolve("job.yaml");

    JarProcess check = JarProcess.startWith(tmp, jar, "check", job.toString()).finish(60);
    assertEquals(0, check.exit, check.output);
    JarProcess schema = JarProcess.startWith(tmp, jar, "schema").finish(60);
    assertTrue(schema.output.contains("\"double_it\""), "schema lists the plugin kind");
    JarProcess render = JarProcess.startWith(tmp, jar, "render", job.toString()).finish(60);
    assertTrue(render.output.contains("double_it:") && render.output.contains("factor: 3.0"), render.output);
    JarProcess bad = JarProcess.startWith(tmp, jar, "check", job.toString(), "--set", "model.layers[1].double_it.factor=-1").finish(60);
    assertEquals(2, bad.exit, bad.output);
    assertTrue(bad.output.contains("model.layers[1].double_it.factor: must be >= 0"), bad.output);

    JarProcess plan = JarProcess.startWith(tmp, jar, "plan", job.toString()).finish(120);
    assertEquals(0, plan.exit, plan.output);
    assertTrue(plan.output.contains("parameters: 195"), plan.output); // 8*16+16 + 16*3+3
    Path out = tmp.resolve("run");
    JarProcess run = JarProcess.startWith(tmp, jar, "run", job.toString(), "--output", out.toString()).finish(300);
    assertEquals(0, run.exit, run.output);
    assertTrue(run.output.contains("done: plugin-double-it, 20 steps"), run.output);

    JarProcess without = JarProcess.start(tmp, "check", job.toString()).finish(60);
    assertEquals(2, without.exit, without.output);
    assertTrue(without.output.contains("unknown kind 'double_it'"), without.output);
  }

  /** javac against runner.jar, then a jar of the classes and the service file. */
  private Path build() throws IOException {
    Path classes = tmp.resolve("classes");
    Files.createDirectories(classes);
    List<String> args = new ArrayList<>(List.of("-cp", JarProcess.JAR.toString(), "-d", classes.toString()));
    try (Stream<Path> s = Files.walk(PLUGIN.resolve("src/main/java"))) {
      s.filter(f -> f.toString().endsWith(".java")).forEach(f -> args.add(f.toString()));
    }
    JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
    assertEquals(0, javac.run(null, null, null, args.toArray(new String[0])), "javac of the plugin");
    Path jar = tmp.resolve("double-it.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      add(out, classes);
      add(out, PLUGIN.resolve("src/main/resources"));
    }
    return jar;
  }

  private static void add(JarOutputStream out, Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
        out.putNextEntry(new JarEntry(root.relativize(f).toString().replace('\\', '/')));
        Files.copy(f, out);
        out.closeEntry();
      }
    }
  }
}
