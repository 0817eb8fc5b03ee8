package io.inscope.runner;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The JVM options the launcher ({@link Main}) adds to the child it re-launches, each only where the
 * user chose nothing of its kind, on the command line or in {@code JAVA_TOOL_OPTIONS}, {@code
 * JDK_JAVA_OPTIONS} or {@code _JAVA_OPTIONS} (the user's choice always wins):
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>option</th><th>unless the user set</th><th>why</th></tr>
 *   <tr><td>{@code -XX:TieredStopAtLevel=1}</td><td>{@code TieredStopAtLevel}, {@code
 *       TieredCompilation}; or a streamed run ({@link StreamedRuns})</td><td>C2's start-up work
 *       competes with TensorFlow for few cores and buys nothing when the training loop runs in native
 *       code (measured: first step 0.5 s sooner on 2 cores, 10-epoch Fashion-MNIST unchanged). A run
 *       that streams a split keeps C2: its reader threads run Java code on every record of every
 *       epoch</td></tr>
 *   <tr><td>{@code -XX:MaxNewSize=256m}</td><td>any heap or generation size ({@code -Xmx}, {@code
 *       -Xmn}, {@code MaxHeapSize}, {@code NewSize}, {@code MaxNewSize}, {@code NewRatio}, {@code
 *       MaxRAM*}, {@code G1MaxNewSizePercent}) or another collector</td><td>G1 otherwise grows the
 *       young generation up to 60% of the maximum heap (a quarter of the machine's memory) when its
 *       collections are cheap, and every young region it cycles through stays resident: 2.46 GB
 *       resident streaming a 5 GB set on a 23 GB machine. Short-lived garbage needs no more than
 *       this; the old generation (a split held in memory) still grows to the default maximum</td></tr>
 * </table>
 */
final class ChildJvm {
  static final String JIT = "-XX:TieredStopAtLevel=1";
  static final String YOUNG = "-XX:MaxNewSize=256m";
  static final List<String> ENV = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");
  private static final Pattern SETS_JIT = Pattern.compile("TieredStopAtLevel|TieredCompilation");
  private static final Pattern SETS_HEAP = Pattern.compile(
      "^-Xmx|^-Xmn|^-Xms|MaxHeapSize|InitialHeapSize|NewSize|NewRatio|MaxRAM|InitialRAM|MinRAM|G1MaxNewSizePercent"
          + "|Use(Serial|Parallel|Z|Shenandoah|Epsilon)GC");

  private ChildJvm() {}

  /**
   * @param jvm the launcher's own JVM options ({@code RuntimeMXBean.getInputArguments()})
   * @param env the launcher's environment, inherited by the child
   * @param streamed whether the command streams a split ({@link StreamedRuns}): C2 stays on
   * @return the options to add before the launcher's own
   */
  static List<String> defaults(List<String> jvm, Map<String, String> env, boolean streamed) {
    List<String> user = new ArrayList<>(jvm);
    for (String name : ENV) {
      String value = env.get(name);
      if (value != null) {
        user.addAll(List.of(value.trim().split("\\s+")));
      }
    }
    List<String> add = new ArrayList<>();
    if (!streamed && user.stream().noneMatch(a -> SETS_JIT.matcher(a).find())) {
      add.add(JIT);
    }
    if (user.stream().noneMatch(a -> SETS_HEAP.matcher(a).find())) {
      add.add(YOUNG);
    }
    return add;
  }
}
