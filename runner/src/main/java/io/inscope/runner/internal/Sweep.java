package io.inscope.runner.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code --sweep path=v1,v2,...} (repeatable): one job per combination of values, the cross
 * product in the order given. Each combination is a list of {@code --set} overrides and names its
 * run directory after its values, e.g. {@code learning_rate=0.1,units=64}: a path is shortened to
 * its last key unless two swept paths share that key. Values split at commas outside brackets
 * and braces, so {@code --sweep 'model.input.shape=[4],[2,2]'} sweeps two shapes.
 */
public final class Sweep {
  /** One combination: the overrides to apply and the run directory name ("" without a sweep). */
  public record Combination(List<String> overrides, String directoryName) {}

  private Sweep() {}

  /** The combinations of {@code sweeps}; a single empty combination when there is none. */
  public static List<Combination> combinations(List<String> sweeps) {
    Map<String, List<String>> axes = new LinkedHashMap<>();
    for (String s : sweeps) {
      int eq = s.indexOf('=');
      if (eq <= 0 || eq == s.length() - 1) {
        throw new IllegalArgumentException("--sweep: expected path=v1,v2,... (got '" + s + "')");
      }
      String path = s.substring(0, eq).trim();
      if (axes.containsKey(path)) {
        throw new IllegalArgumentException("--sweep: " + path + " is swept twice; give all its values in one --sweep");
      }
      axes.put(path, splitValues(s.substring(eq + 1)));
    }
    List<Combination> out = new ArrayList<>(List.of(new Combination(List.of(), "")));
    Map<String, String> shortNames = shortNames(List.copyOf(axes.keySet()));
    for (Map.Entry<String, List<String>> axis : axes.entrySet()) {
      List<Combination> next = new ArrayList<>();
      for (Combination c : out) {
        for (String v : axis.getValue()) {
          List<String> overrides = new ArrayList<>(c.overrides());
          overrides.add(axis.getKey() + "=" + v);
          String part = shortNames.get(axis.getKey()) + "=" + v;
          next.add(new Combination(List.copyOf(overrides), c.directoryName().isEmpty() ? part : c.directoryName() + "," + part));
        }
      }
      out = next;
    }
    return out.stream().map(c -> new Combination(c.overrides(), sanitize(c.directoryName()))).toList();
  }

  static List<String> splitValues(String text) {
    List<String> values = new ArrayList<>();
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char ch : text.toCharArray()) {
      if (ch == '[' || ch == '{') {
        depth++;
      } else if (ch == ']' || ch == '}') {
        depth--;
      }
      if (ch == ',' && depth == 0) {
        values.add(nonEmpty(cur.toString().trim(), text));
        cur.setLength(0);
      } else {
        cur.append(ch);
      }
    }
    values.add(nonEmpty(cur.toString().trim(), text));
    return values;
  }

  private static String nonEmpty(String value, String text) {
    if (value.isEmpty()) {
      throw new IllegalArgumentException("--sweep: empty value in '" + text + "'");
    }
    return value;
  }

  private static Map<String, String> shortNames(List<String> paths) {
    Map<String, String> names = new LinkedHashMap<>();
    for (String p : paths) {
      String last = lastKey(p);
      boolean shared = paths.stream().filter(q -> lastKey(q).equals(last)).count() > 1;
      names.put(p, shared ? p : last);
    }
    return names;
  }

  private static String lastKey(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  /** A directory name: letters, digits and {@code . _ = , + -} kept, anything else {@code _}. */
  static String sanitize(String name) {
    String s = name.replaceAll("[^A-Za-z0-9._=,+-]", "_");
    return s.length() <= 200 ? s : s.substring(0, 180) + "-" + Integer.toHexString(name.hashCode());
  }
}
