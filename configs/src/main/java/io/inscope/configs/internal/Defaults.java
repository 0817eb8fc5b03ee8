package io.inscope.configs.internal;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * {@code @Default} literals as YAML trees, parsed once and placed at the map that left the key out
 * (so any error that involves a default points at that map).
 */
public final class Defaults {
  private static final Map<Field, YNode> PARSED = new ConcurrentHashMap<>();
  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.+-][A-Za-z0-9_.+/${}-]*");
  private static final Origin NOWHERE = new Origin("@Default", 0, 0, Path.of("").toAbsolutePath());

  private Defaults() {}

  public static YNode node(Field field, Origin at) {
    return relocate(literal(field), at);
  }

  /** The default of a field as a tree with no position (for the schema and the reference). */
  public static YNode literal(Field field) {
    return PARSED.computeIfAbsent(field, f -> {
      String text = f.defaultYaml();
      if (text.equals("{}")) {
        return new YNode.Map(NOWHERE, List.of());
      }
      if (text.equals("[]")) {
        return new YNode.Seq(NOWHERE, List.of());
      }
      if (PLAIN.matcher(text).matches()) {
        // a plain scalar types exactly as the parser would type it; skipping the parser keeps a cold check fast
        return new YNode.Scalar(NOWHERE, text, Numbers.resolve(text), true);
      }
      Problems problems = new Problems();
      YNode node = SafeYaml.parse(f.defaultYaml(), NOWHERE, true, problems);
      if (node == null) {
        throw new IllegalStateException("bad @Default(\"" + f.defaultYaml() + "\") on " + f.component());
      }
      return node;
    });
  }

  private static YNode relocate(YNode node, Origin at) {
    if (node instanceof YNode.Scalar s) {
      return new YNode.Scalar(at, s.text(), s.type(), s.plain());
    }
    if (node instanceof YNode.Seq seq) {
      return new YNode.Seq(at, seq.items().stream().map(n -> relocate(n, at)).toList());
    }
    List<YNode.Entry> entries = ((YNode.Map) node).entries().stream()
        .map(e -> new YNode.Entry((YNode.Scalar) relocate(e.key(), at), relocate(e.value(), at))).toList();
    return new YNode.Map(at, entries);
  }
}
