package io.inscope.configs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigErrorTest {
  @Test
  void formatsFileLineColumnPathAndMessage() {
    assertEquals("jobs/mnist.yaml:14:20: optimizer.adam.learning_rate: must be > 0 (got -0.1)",
        new ConfigError("jobs/mnist.yaml", 14, 20, "optimizer.adam.learning_rate", "must be > 0 (got -0.1)").format());
    assertEquals("jobs/mnist.yaml:1:1: missing required key 'train'",
        new ConfigError("jobs/mnist.yaml", 1, 1, "", "missing required key 'train'").format());
  }

  @Test
  void anOverrideHasNoPosition() {
    assertEquals("--set optimizer.adam.learning_rate: must be > 0 (got -0.1)",
        new ConfigError("--set", 0, 0, "optimizer.adam.learning_rate", "must be > 0 (got -0.1)").format());
    assertEquals("jobs/mnist.yaml: no such file", new ConfigError("jobs/mnist.yaml", 0, 0, "", "no such file").format());
  }

  @Test
  void theReportCountsErrors() {
    ConfigError a = new ConfigError("x.yaml", 1, 1, "", "a");
    assertEquals("x.yaml has 1 error:\n  x.yaml:1:1: a", new JobFileException("x.yaml", List.of(a)).report());
    assertEquals("x.yaml has 2 errors:\n  x.yaml:1:1: a\n  x.yaml:1:1: a", new JobFileException("x.yaml", List.of(a, a)).report());
    assertThrows(IllegalArgumentException.class, () -> new JobFileException("x.yaml", List.of()));
  }
}
