package io.inscope.modules.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobLoader;
import io.inscope.configs.JobSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.ConfigProto;

class MultiWorkerSystemTest {
  private static final List<String> DEVICES = List.of(
      "/job:worker/replica:0/task:0/device:CPU:0", "/job:worker/replica:0/task:0/device:CPU:1",
      "/job:worker/replica:0/task:1/device:CPU:0", "/job:worker/replica:0/task:1/device:GPU:0",
      "/job:worker/replica:0/task:10/device:CPU:0");

  @Test
  void devicesAreGroupedByTaskWithoutMistakingTask1ForTask10() {
    assertEquals(List.of("/job:worker/replica:0/task:1/device:CPU:0", "/job:worker/replica:0/task:1/device:GPU:0"),
        MultiWorkerSystem.ofTask(DEVICES, 1, null));
    assertEquals(List.of("/job:worker/replica:0/task:1/device:GPU:0"), MultiWorkerSystem.ofTask(DEVICES, 1, "GPU"));
    assertEquals(2, MultiWorkerSystem.ofTask(DEVICES, 0, "CPU").size());
  }

  @Test
  void tfConfigNamingAnotherTaskTellsToRunTheWorkerCommand() throws Exception {
    MultiWorkerSystem system = new MultiWorkerSystem(
        name -> name.equals("TF_CONFIG") ? "{\"cluster\": {\"worker\": [\"h:1\", \"h:2\"]}, \"task\": {\"index\": 1}}" : null);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> system.cluster(job("", "mode: in_graph")));
    assertTrue(e.getMessage().contains("task 1") && e.getMessage().contains("runner.jar worker"), e.getMessage());
  }

  @Test
  void tfConfigMakesAutoBetweenGraphsAndWorkersInGraph() throws Exception {
    String tfConfig = "{\"cluster\": {\"chief\": [\"h:1\"], \"worker\": [\"h:2\"]}, \"task\": {\"type\": \"worker\", \"index\": 0}}";
    MultiWorkerSystem system = new MultiWorkerSystem(name -> name.equals("TF_CONFIG") ? tfConfig : null);
    assertTrue(system.betweenGraph(job("")));
    assertEquals(1, system.cluster(job("")).task());
    ConfigProto config = system.sessionConfig(job(""));
    assertEquals("/job:worker/replica:0/task:0", config.getExperimental().getCollectiveGroupLeader());
    assertEquals(List.of("/job:worker/task:1"), config.getDeviceFiltersList());
    assertFalse(system.betweenGraph(job("cluster: {workers: [\"h:1\", \"h:2\"]}\n")));
    assertFalse(system.betweenGraph(job("", "mode: in_graph")));
    assertFalse(new MultiWorkerSystem(n -> null).betweenGraph(job("")));
  }

  @Test
  void betweenGraphsTakesTheClusterFromTfConfigOnly() throws Exception {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new MultiWorkerSystem(n -> null)
        .cluster(job("cluster: {workers: [\"h:1\", \"h:2\"]}\n", "mode: between_graph")));
    assertTrue(e.getMessage().contains("leave out cluster.workers"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> new MultiWorkerSystem(n -> null)
        .cluster(job("", "mode: between_graph")));
    assertTrue(e.getMessage().contains("TF_CONFIG, which is not set"), e.getMessage());
  }

  @Test
  void theSessionConfigIsolatesStateAndCarriesNoClusterDef() throws Exception {
    ConfigProto config = new MultiWorkerSystem(n -> null).sessionConfig(job("cluster: {workers: [\"h:1\"]}\n"));
    assertTrue(config.getIsolateSessionState());
    assertFalse(config.hasClusterDef());
  }

  private static JobSpec job(String extra) throws Exception {
    return job(extra, "");
  }

  private static JobSpec job(String extra, String strategy) throws Exception {
    String yaml = """
        version: 1
        name: t
        strategy: {type: multi_worker_mirrored%s}
        model: {input: {shape: [2]}, layers: [{dense: {units: 2}}]}
        loss: mean_squared_error
        optimizer: sgd
        data: {train: {synthetic: {examples: 8, classes: 2}, batch_size: 4}}
        train: {steps: 1}
        """.formatted(strategy.isEmpty() ? "" : ", " + strategy) + extra;
    return new JobLoader(Map.of()).loadResolved(yaml, Path.of("job.yaml")).spec();
  }
}
