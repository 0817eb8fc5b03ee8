package io.inscope.runner.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MetricsFileTest {
  @TempDir Path tmp;

  @Test
  void aLineCutShortByAKilledRunIsDroppedOnOpen() throws Exception {
    Path f = tmp.resolve("metrics.jsonl");
    Files.writeString(f, "{\"split\":\"train\",\"step\":20}\n{\"split\":\"tr");
    new MetricsFile(f).close();
    assertEquals("{\"split\":\"train\",\"step\":20}\n", Files.readString(f));
    Files.writeString(f, "{\"spl");
    new MetricsFile(f).close();
    assertEquals("", Files.readString(f));
  }
}
