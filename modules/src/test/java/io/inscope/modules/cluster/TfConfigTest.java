package io.inscope.modules.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class TfConfigTest {
  @Test
  void readsTheWorkerJobAndTheTask() {
    WorkerCluster c = TfConfig.parse("""
        {"cluster": {"worker": ["10.0.0.1:2222", "10.0.0.2:2222"], "chief": [], "evaluator": []},
         "task": {"type": "worker", "index": 1}, "rpc_layer": "grpc"}""");
    assertEquals(new WorkerCluster(List.of("10.0.0.1:2222", "10.0.0.2:2222"), 1), c);
  }

  @Test
  void aMissingTaskIsTaskZero() {
    assertEquals(0, TfConfig.parse("{\"cluster\": {\"worker\": [\"h:1\"]}}").task());
  }

  @Test
  void theChiefIsTaskZeroAndWorkersFollowIt() {
    String cluster = "\"cluster\": {\"chief\": [\"c:2222\"], \"worker\": [\"w0:2222\", \"w1:2222\"]}";
    List<String> tasks = List.of("c:2222", "w0:2222", "w1:2222");
    assertEquals(new WorkerCluster(tasks, 0),
        TfConfig.parse("{" + cluster + ", \"task\": {\"type\": \"chief\", \"index\": 0}, \"environment\": \"cloud\"}"));
    assertEquals(new WorkerCluster(tasks, 1),
        TfConfig.parse("{" + cluster + ", \"task\": {\"type\": \"worker\", \"index\": 0}, \"environment\": \"cloud\"}"));
    assertEquals(new WorkerCluster(tasks, 2),
        TfConfig.parse("{" + cluster + ", \"task\": {\"type\": \"worker\", \"index\": 1}}"));
    assertEquals(new WorkerCluster(List.of("c:2222"), 0),
        TfConfig.parse("{\"cluster\": {\"chief\": [\"c:2222\"]}, \"task\": {\"type\": \"chief\"}}"));
  }

  @Test
  void everyWrongPartIsNamed() {
    assertMessage("TF_CONFIG is not valid JSON", "{cluster");
    assertMessage("TF_CONFIG must be a JSON object", "[1]");
    assertMessage("TF_CONFIG: cluster.ps is not supported", "{\"cluster\": {\"ps\": [\"h:1\"], \"worker\": [\"h:2\"]}}");
    assertMessage("TF_CONFIG: cluster.chief must list one task (got 2)",
        "{\"cluster\": {\"chief\": [\"h:1\", \"h:3\"], \"worker\": [\"h:2\"]}}");
    assertMessage("TF_CONFIG: cluster.chief must list the tasks", "{\"cluster\": {\"chief\": \"h:1\"}}");
    assertMessage("TF_CONFIG: task.index 1 is out of range: cluster.chief lists 1 task(s)",
        "{\"cluster\": {\"chief\": [\"h:1\"], \"worker\": [\"h:2\"]}, \"task\": {\"type\": \"chief\", \"index\": 1}}");
    assertMessage("TF_CONFIG: task.index 1 is out of range: cluster.worker lists 1 task(s)",
        "{\"cluster\": {\"chief\": [\"h:1\"], \"worker\": [\"h:2\"]}, \"task\": {\"type\": \"worker\", \"index\": 1}}");
    assertMessage("TF_CONFIG: address h:1 is listed twice",
        "{\"cluster\": {\"chief\": [\"h:1\"], \"worker\": [\"h:1\"]}}");
    assertMessage("TF_CONFIG: cluster.worker must list the tasks", "{\"cluster\": {}}");
    assertMessage("TF_CONFIG: cluster.worker entries must be", "{\"cluster\": {\"worker\": [2222]}}");
    assertMessage("TF_CONFIG: task.type must be 'chief' or 'worker' (got 'ps')",
        "{\"cluster\": {\"worker\": [\"h:1\"]}, \"task\": {\"type\": \"ps\", \"index\": 0}}");
    assertMessage("TF_CONFIG: task.index must be an integer",
        "{\"cluster\": {\"worker\": [\"h:1\"]}, \"task\": {\"index\": \"one\"}}");
    assertMessage("TF_CONFIG: task.index 2 is out of range: cluster.worker lists 2 task(s)",
        "{\"cluster\": {\"worker\": [\"h:1\", \"h:2\"]}, \"task\": {\"index\": 2}}");
    assertMessage("TF_CONFIG: expected host:port", "{\"cluster\": {\"worker\": [\"h\"]}}");
  }

  private static void assertMessage(String start, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfConfig.parse(json));
    assertEquals(start, e.getMessage().substring(0, Math.min(start.length(), e.getMessage().length())), e.getMessage());
  }
}
