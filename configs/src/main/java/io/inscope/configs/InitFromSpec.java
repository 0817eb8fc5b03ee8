package io.inscope.configs;

import java.util.List;
import java.util.Map;

/**
 * Fine-tuning: before step 0 of a new run, the model's weights are loaded from another run, a
 * checkpoint or a SavedModel (exactly one). Weights are named {@code <layer>.<weight>} ({@code
 * dense_1.kernel}; {@code <block>/<layer>.<weight>} in blocks). Every layer weight of this job whose name passes
 * {@code include} and {@code exclude} is read from the source under its name (or under the name
 * {@code map} gives it), checked for dtype and shape, and assigned to every replica; optimizer
 * state and the job's declared variables are never loaded. A resumed run restores its own
 * checkpoint instead (resume wins), so {@code init_from} applies once.
 *
 * <pre>
 * init_from:
 *   run: runs/pretrain                 # its newest complete checkpoint
 *   exclude: ["head.*"]                # a new head keeps its initializer
 *   map: {"encoder/": "backbone/"}     # this job's block backbone/... is loaded from encoder/...
 * </pre>
 *
 * <table>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>run</td><td></td><td>a run directory: its newest complete checkpoint</td></tr>
 *   <tr><td>checkpoint</td><td></td><td>a checkpoint directory ({@code checkpoints/ckpt-N} or {@code checkpoints/best})</td></tr>
 *   <tr><td>saved_model</td><td></td><td>an exported SavedModel folder ({@code export/saved_model/N})</td></tr>
 *   <tr><td>include</td><td>[] (all)</td><td>glob patterns ({@code *} any characters, {@code ?} one) of this job's weights to load</td></tr>
 *   <tr><td>exclude</td><td>[]</td><td>glob patterns of weights not to load (they keep their initializers)</td></tr>
 *   <tr><td>map</td><td>{}</td><td>source name to this job's name; a key ending in {@code /} or {@code .} maps a prefix</td></tr>
 * </table>
 *
 * <p>Relative paths resolve against the working directory, as {@code output} does.
 */
@Exclusive({"run", "checkpoint", "saved_model"})
public record InitFromSpec(
    @Doc("a run directory: its newest complete checkpoint") @OptionalKey String run,
    @Doc("a checkpoint directory (checkpoints/ckpt-N or checkpoints/best)") @OptionalKey String checkpoint,
    @Doc("an exported SavedModel folder (export/saved_model/N)") @OptionalKey String savedModel,
    @Doc("glob patterns (* and ?) of this job's weights to load; empty = all") @Default("[]") List<String> include,
    @Doc("glob patterns of this job's weights not to load") @Default("[]") List<String> exclude,
    @Doc("source name to this job's name; a key ending in / or . maps a prefix") @Default("{}") Map<String, String> map) {

  public InitFromSpec {
    int set = (run == null ? 0 : 1) + (checkpoint == null ? 0 : 1) + (savedModel == null ? 0 : 1);
    if (set != 1) {
      throw new SpecException("", "set exactly one of run, checkpoint and saved_model (got " + (set == 0 ? "none" : set) + ")");
    }
    include = List.copyOf(include);
    exclude = List.copyOf(exclude);
    map = Map.copyOf(map);
    for (Map.Entry<String, String> e : map.entrySet()) {
      if (prefix(e.getKey()) != prefix(e.getValue())) {
        throw new SpecException("map", "'" + e.getKey() + "': '" + e.getValue()
            + "': a prefix (ending in / or .) maps to a prefix, a name to a name");
      }
    }
  }

  /** Which source the weights come from, and its path as written. */
  public String source() {
    return run != null ? "run " + run : checkpoint != null ? "checkpoint " + checkpoint : "saved_model " + savedModel;
  }

  /** Whether this job's weight {@code name} is to be loaded: it matches an include (or there is none) and no exclude. */
  public boolean selects(String name) {
    return (include.isEmpty() || include.stream().anyMatch(p -> glob(p, name))) && exclude.stream().noneMatch(p -> glob(p, name));
  }

  /**
   * The source name of this job's weight {@code name}: a name mapped to it, or the source prefix
   * of the longest mapped prefix it starts with, else the name itself.
   */
  public String sourceName(String name) {
    String best = null;
    for (Map.Entry<String, String> e : map.entrySet()) {
      String target = e.getValue();
      if (target.equals(name)) {
        return e.getKey();
      }
      if (prefix(target) && name.startsWith(target) && (best == null || target.length() > map.get(best).length())) {
        best = e.getKey();
      }
    }
    return best == null ? name : best + name.substring(map.get(best).length());
  }

  /** A map key or value that names a prefix: a block ({@code encoder/}) or a layer ({@code dense_1.}). */
  static boolean prefix(String name) {
    return name.endsWith("/") || name.endsWith(".");
  }

  /** {@code *} matches any characters (slashes included), {@code ?} one; everything else itself. */
  static boolean glob(String pattern, String name) {
    return glob(pattern, 0, name, 0);
  }

  private static boolean glob(String p, int i, String s, int j) {
    if (i == p.length()) {
      return j == s.length();
    }
    char c = p.charAt(i);
    if (c == '*') {
      for (int k = j; k <= s.length(); k++) {
        if (glob(p, i + 1, s, k)) {
          return true;
        }
      }
      return false;
    }
    return j < s.length() && (c == '?' || c == s.charAt(j)) && glob(p, i + 1, s, j + 1);
  }
}
