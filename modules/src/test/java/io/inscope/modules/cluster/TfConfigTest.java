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
  void everyWrongPartIsNamed() {
    assertMessage("TF_CONFIG is not valid JSON", "{cluster");
    assertMessage("TF_CONFIG must be a JSON object", "[1]");
    assertMessage("TF_CONFIG: cluster.chief is not supported", "{\"cluster\": {\"chief\": [\"h:1\"], \"worker\": [\"h:2\"]}}");
    assertMessage("TF_CONFIG: cluster.worker must list the tasks", "{\"cluster\": {}}");
    assertMessage("TF_CONFIG: cluster.worker entries must be", "{\"cluster\": {\"worker\": [2222]}}");
    assertMessage("TF_CONFIG: task.type must be 'worker' (got 'ps')",
        "{\"cluster\": {\"worker\": [\"h:1\"]}, \"task\": {\"type\": \"ps\", \"index\": 0}}");
    assertMessage("TF_CONFIG: task.index must be an integer",
        "{\"cluster\": {\"worker\": [\"h:1\"]}, \"task\": {\"index\": \"one\"}}");
    assertMessage("TF_CONFIG: task 2 is out of range",
        "{\"cluster\": {\"worker\": [\"h:1\", \"h:2\"]}, \"task\": {\"index\": 2}}");
    assertMessage("TF_CONFIG: expected host:port", "{\"cluster\": {\"worker\": [\"h\"]}}");
  }

  private static void assertMessage(String start, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> TfConfig.parse(json));
    assertEquals(start, e.getMessage().substring(0, Math.min(start.length(), e.getMessage().length())), e.getMessage());
  }
}
