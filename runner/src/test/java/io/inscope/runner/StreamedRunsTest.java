package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which command lines the launcher gives C2: the runs that stream a split, and the streaming benches. */
class StreamedRunsTest {
  static final String STREAMED = "../examples/shapes-tfrecord-streamed.yaml";
  static final String CACHED = "../examples/shapes-tfrecord.yaml";

  private static boolean streams(String... args) {
    return StreamedRuns.streams(args, Map.of());
  }

  @Test
  void aJobWithASplitStreamedStreams() {
    assertTrue(streams("run", STREAMED));
    assertTrue(streams(STREAMED), "a job file as the first argument is `run`");
    assertTrue(streams("run", "--quiet", "--output", "/tmp/x", CACHED, STREAMED), "any of several jobs");
  }

  @Test
  void aJobHeldInMemoryDoesNot() {
    assertFalse(streams("run", CACHED));
    assertFalse(streams(CACHED, "--fresh"));
    assertFalse(streams("run", STREAMED, "--set", "data.train.cache=true", "--set", "data.eval.cache=true"));
  }

  @Test
  void overridesAndSweepsOfCacheCount() {
    assertTrue(streams("run", CACHED, "--set", "data.train.cache=false"));
    assertTrue(streams("run", CACHED, "--set=data.eval.cache=false"));
    assertTrue(streams("run", CACHED, "--sweep", "data.train.cache=true,false"));
  }

  @Test
  void theStreamingBenchesStreamOtherCommandsDoNot() {
    assertTrue(streams("bench", "--input-pipeline", "--models", "mlp"));
    assertTrue(streams("bench", "--stream-memory", "5"));
    assertTrue(streams("bench", "--stream-memory=5"));
    assertFalse(streams("bench", "--convnets"));
    assertFalse(streams("evaluate", "runs/no-such-run"));
    assertFalse(streams("worker", "--port", "2222"));
    assertFalse(streams());
  }

  /** Loading is skipped where no argument or job file says cache (or extends a file that might). */
  @Test
  void onlyJobsThatMentionCacheAreLoaded() {
    assertFalse(StreamedRuns.mayStream(new String[] {"../examples/iris.yaml", "--set", "train.steps=5"}));
    assertTrue(StreamedRuns.mayStream(new String[] {"../examples/iris.yaml", "--set", "data.train.cache=false"}));
    assertTrue(StreamedRuns.mayStream(new String[] {STREAMED}));
    assertFalse(streams("run", "../examples/iris.yaml"));
  }

  @Test
  void aJobThatExtendsAStreamedJobStreams(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    java.nio.file.Path job = dir.resolve("child.yaml");
    java.nio.file.Files.writeString(job, "extends: " + java.nio.file.Path.of(STREAMED).toAbsolutePath().normalize() + "\nname: child\n");
    assertTrue(streams("run", job.toString()));
  }

  /** {@code evaluate} reads the run's job.resolved.yaml. */
  @Test
  void evaluatingARunWhoseJobStreamsStreams(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
    String data = java.nio.file.Path.of("../examples/data").toAbsolutePath().normalize() + "/";
    java.nio.file.Path streamed = java.nio.file.Files.createDirectories(dir.resolve("streamed"));
    java.nio.file.Files.writeString(streamed.resolve("job.resolved.yaml"),
        java.nio.file.Files.readString(java.nio.file.Path.of(STREAMED)).replace("data/", data));
    java.nio.file.Path cached = java.nio.file.Files.createDirectories(dir.resolve("cached"));
    java.nio.file.Files.writeString(cached.resolve("job.resolved.yaml"),
        java.nio.file.Files.readString(java.nio.file.Path.of(CACHED)).replace("data/", data));
    assertTrue(streams("evaluate", streamed.toString()));
    assertTrue(streams("evaluate", "--json", streamed.toString()));
    assertFalse(streams("evaluate", cached.toString()));
  }

  /** What cannot be decided is not streamed: the child reports the error. */
  @Test
  void badCommandLinesDoNotStream() {
    assertFalse(streams("run", "no-such-job.yaml"));
    assertFalse(streams("run", STREAMED, "--no-such-option"));
    assertFalse(streams("run", STREAMED, "--set", "data.train.batch_size=-1"));
  }
}
