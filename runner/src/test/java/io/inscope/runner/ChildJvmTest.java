package io.inscope.runner;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChildJvmTest {
  @Test
  void withNothingChosenTheChildGetsC1AndACappedYoungGeneration() {
    assertEquals(List.of(ChildJvm.JIT, ChildJvm.YOUNG), ChildJvm.defaults(List.of("-Dfoo=bar"), Map.of("PATH", "/bin"), false));
  }

  /** Any heap or generation size, or another collector, on the command line or in the environment, wins. */
  @Test
  void theUsersHeapOrCollectorChoiceWins() {
    for (String option : List.of("-Xmx2g", "-Xms1g", "-Xmn512m", "-XX:MaxHeapSize=4g", "-XX:MaxNewSize=1g", "-XX:NewSize=64m",
        "-XX:NewRatio=3", "-XX:MaxRAMPercentage=50", "-XX:MaxRAM=8g", "-XX:+UnlockExperimentalVMOptions -XX:G1MaxNewSizePercent=20",
        "-XX:+UseParallelGC", "-XX:+UseZGC", "-XX:+UseSerialGC")) {
      assertEquals(List.of(ChildJvm.JIT), ChildJvm.defaults(List.of(option.split(" ")), Map.of(), false), option + " on the command line");
      for (String env : ChildJvm.ENV) {
        assertEquals(List.of(ChildJvm.JIT), ChildJvm.defaults(List.of(), Map.of(env, " -Dx=1  " + option), false), option + " in " + env);
      }
    }
  }

  /** A streamed run keeps C2 (its readers run Java code on every record); the young generation is still capped. */
  @Test
  void aStreamedRunKeepsC2() {
    assertEquals(List.of(ChildJvm.YOUNG), ChildJvm.defaults(List.of(), Map.of(), true));
    assertEquals(List.of(), ChildJvm.defaults(List.of("-Xmx1g"), Map.of(), true));
  }

  @Test
  void theUsersJitChoiceWins() {
    assertEquals(List.of(ChildJvm.YOUNG), ChildJvm.defaults(List.of("-XX:-TieredCompilation"), Map.of(), false));
    assertEquals(List.of(ChildJvm.YOUNG), ChildJvm.defaults(List.of(), Map.of("JAVA_TOOL_OPTIONS", "-XX:TieredStopAtLevel=4"), false));
    assertEquals(List.of(), ChildJvm.defaults(List.of("-XX:TieredStopAtLevel=4", "-Xmx1g"), Map.of(), false));
  }
}
