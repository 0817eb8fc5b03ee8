package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.modules.cluster.WorkerCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How {@code runner.jar worker} finds its cluster; serving itself is covered by MultiWorkerIT. */
class WorkerCommandTest {
  @Test
  void flagsGiveTheClusterAndTask() throws Exception {
    assertEquals(new WorkerCluster(List.of("h0:1", "h1:2"), 1), WorkerCommand.resolve(List.of("h0:1", "h1:2"), 1, null));
  }

  @Test
  void withNoFlagsTfConfigGivesThem() throws Exception {
    WorkerCluster c = WorkerCommand.resolve(null, null, "{\"cluster\": {\"worker\": [\"h0:1\", \"h1:2\"]}, \"task\": {\"type\": \"worker\", \"index\": 1}}");
    assertEquals(1, c.task());
  }

  @Test
  void missingOrHalfGivenFlagsAreUsageErrors() {
    UserException none = assertThrows(UserException.class, () -> WorkerCommand.resolve(null, null, null));
    assertEquals(ExitCodes.USAGE, none.exitCode());
    assertTrue(none.getMessage().contains("--cluster") && none.getMessage().contains("TF_CONFIG"), none.getMessage());
    UserException half = assertThrows(UserException.class, () -> WorkerCommand.resolve(List.of("h0:1"), null, null));
    assertTrue(half.getMessage().contains("go together"), half.getMessage());
    UserException range = assertThrows(UserException.class, () -> WorkerCommand.resolve(List.of("h0:1"), 3, null));
    assertTrue(range.getMessage().startsWith("worker: task 3 is out of range"), range.getMessage());
  }

  @Test
  void theCommandIsListedInHelp() {
    CliHarness.Run r = CliHarness.run("--help");
    assertTrue(r.out().contains("worker"), r.out());
  }
}
