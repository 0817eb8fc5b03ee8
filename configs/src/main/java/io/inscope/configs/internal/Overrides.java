package io.inscope.configs.internal;

import io.inscope.configs.Exclusive;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Applies {@code --set path=value} overrides after templates: {@code optimizer.adam.learning_rate=3e-4},
 * {@code model.layers[1].dense.units=256}, {@code cluster.workers=[a:1,b:2]}. The value is YAML (a
 * flow value for lists and maps); missing maps on the way are created; a list index must exist.
 * Kind-aware like templates: setting {@code optimizer.sgd.momentum} over an adam optimizer
 * replaces the kind, and over a bare {@code optimizer: sgd} keeps sgd. Setting one of a record's
 * {@link Exclusive} keys removes the others ({@code train.steps=1000} over {@code epochs: 10}).
 */
final class Overrides {
  private static final Pattern SEGMENT = Pattern.compile("([^.\\[\\]=\\s]+)((?:\\[\\d{1,9}\\])*)");
  private static final Pattern INDEX = Pattern.compile("\\[(\\d+)\\]");
  private final Problems problems;

  Overrides(Problems problems) {
    this.problems = problems;
  }

  YNode apply(YNode root, List<String> overrides, Type rootType) {
    for (String override : overrides) {
      int eq = override.indexOf('=');
      String pathText = eq < 0 ? override : override.substring(0, eq).trim();
      List<Object> segments = eq < 0 ? null : parsePath(pathText);
      if (segments == null) {
        problems.add(Origin.set(), pathText, "expected path=value with a path like model.layers[1].dense.units, got "
            + YNode.quote(override));
        continue;
      }
      YNode value = SafeYaml.parse(override.substring(eq + 1), Origin.set(), true, pathText, problems);
      if (value != null) {
        YNode updated = set(root instanceof YNode.Map ? root : null, rootType, segments, 0, value, "");
        root = updated == null ? root : updated;
      }
    }
    return root;
  }

  /** Segments: String keys and Integer indexes; null when the path is malformed. */
  static List<Object> parsePath(String text) {
    List<Object> segments = new ArrayList<>();
    for (String part : text.split("\\.", -1)) {
      Matcher m = SEGMENT.matcher(part);
      if (!m.matches()) {
        return null;
      }
      segments.add(m.group(1));
      Matcher index = INDEX.matcher(m.group(2));
      while (index.find()) {
        segments.add(Integer.parseInt(index.group(1)));
      }
    }
    return segments;
  }

  /** The node with the value set at segments[i..]; null (reported) when the path does not fit. */
  private YNode set(YNode current, Type type, List<Object> segments, int i, YNode value, String path) {
    if (i == segments.size()) {
      return value;
    }
    if (segments.get(i) instanceof Integer index) {
      String at = Paths.index(path, index);
      if (!(current instanceof YNode.Seq seq)) {
        problems.add(Origin.set(), at, path + " is " + (current == null ? "not set" : YNode.describe(current) + ", not a list"));
        return null;
      }
      if (index >= seq.items().size()) {
        problems.add(Origin.set(), at, "index " + index + " out of range (" + path + " has " + seq.items().size() + " entries)");
        return null;
      }
      YNode item = set(seq.items().get(index), Shapes.element(type), segments, i + 1, value, at);
      if (item == null) {
        return null;
      }
      List<YNode> items = new ArrayList<>(seq.items());
      items.set(index, item);
      return new YNode.Seq(seq.origin(), items);
    }
    String key = (String) segments.get(i);
    String at = Paths.key(path, key);
    YNode.Map map = asMap(current, type, key);
    if (map == null) {
      problems.add(Origin.set(), at, (path.isEmpty() ? "the job" : path) + " is " + YNode.describe(current) + ", not a map");
      return null;
    }
    YNode child = set(map.get(key), Shapes.child(type, key), segments, i + 1, value, at);
    if (child == null) {
      return null;
    }
    List<YNode.Entry> entries = new ArrayList<>(map.entries());
    YNode.Entry entry = new YNode.Entry(map.entry(key).map(YNode.Entry::key).orElse(YNode.Scalar.string(Origin.set(), key)), child);
    int existing = entries.indexOf(map.entry(key).orElse(null));
    if (existing >= 0) {
      entries.set(existing, entry);
    } else {
      entries.add(entry);
    }
    List<String> siblings = exclusiveSiblings(type, key);
    entries.removeIf(e -> siblings.contains(e.name()));
    return new YNode.Map(map.origin(), entries);
  }

  /** The keys that {@code key} excludes in a record of {@code type} ({@link Exclusive}), or none. */
  private static List<String> exclusiveSiblings(Type type, String key) {
    Exclusive exclusive = type == null ? null : Types.raw(type).getAnnotation(Exclusive.class);
    if (exclusive == null || !List.of(exclusive.value()).contains(key)) {
      return List.of();
    }
    return List.of(exclusive.value()).stream().filter(k -> !k.equals(key)).toList();
  }

  /** The map to set {@code key} in: the node itself, a new one, or a fresh kind map when the kind changes. */
  private static YNode.Map asMap(YNode current, Type type, String key) {
    if (current == null || current instanceof YNode.Scalar s && s.isNull()) {
      return new YNode.Map(Origin.set(), List.of());
    }
    KindFamily family = type == null ? null : Types.isFamily(Types.raw(type)) ? KindFamily.of(Types.raw(type)) : Shapes.commonKind(Types.raw(type));
    boolean kindKey = family != null && family.kinds().containsKey(key);
    if (kindKey && !key.equals(Shapes.kindName(current))) {
      return new YNode.Map(current.origin(), List.of());
    }
    if (kindKey && current instanceof YNode.Scalar s) {
      YNode.Entry bare = new YNode.Entry(s, YNode.Scalar.nothing(s.origin()));
      return new YNode.Map(s.origin(), List.of(bare));
    }
    KindFamily inline = Shapes.inlineFamily(type);
    if (inline != null && inline.kinds().containsKey(key) && current instanceof YNode.Map m) {
      return new YNode.Map(m.origin(), m.entries().stream()
          .filter(e -> !inline.kinds().containsKey(e.name()) || e.name().equals(key)).toList());
    }
    return current instanceof YNode.Map m ? m : null;
  }
}
