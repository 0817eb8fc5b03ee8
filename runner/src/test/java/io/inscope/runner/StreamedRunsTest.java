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
    assertFalse(streams("evaluate", "runs/x"));
    assertFalse(streams("worker", "--port", "2222"));
    assertFalse(streams());
  }

  /** What cannot be decided is not streamed: the child reports the error. */
  @Test
  void badCommandLinesDoNotStream() {
    assertFalse(streams("run", "no-such-job.yaml"));
    assertFalse(streams("run", STREAMED, "--no-such-option"));
    assertFalse(streams("run", STREAMED, "--set", "data.train.batch_size=-1"));
  }
}
