package io.inscope.configs.internal;

import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;

/**
 * Deep-merges a file over its base ({@code extends}): maps merge key by key, lists and scalars
 * replace. Kinds are values, not maps: the same kind merges its arguments, a different kind
 * replaces the base's ({@code {sgd: {...}}} over {@code {adam: {...}}} gives sgd), and an inline
 * source written in the file replaces the base's source.
 */
final class Merger {
  private Merger() {}

  static YNode merge(YNode base, YNode over, Type type) {
    if (!(base instanceof YNode.Map b) || !(over instanceof YNode.Map o)) {
      return over;
    }
    if (Shapes.isFamily(type)) {
      String kind = Shapes.kindName(o);
      if (kind == null || !kind.equals(Shapes.kindName(b))) {
        return over;
      }
    }
    List<YNode.Entry> baseEntries = b.entries();
    KindFamily inline = Shapes.inlineFamily(type);
    if (inline != null && o.entries().stream().anyMatch(e -> inline.kinds().containsKey(e.name()))) {
      baseEntries = baseEntries.stream()
          .filter(e -> !inline.kinds().containsKey(e.name()) || o.entry(e.name()).isPresent()).toList();
    }
    List<YNode.Entry> merged = new ArrayList<>();
    for (YNode.Entry e : baseEntries) {
      YNode.Entry mine = o.entry(e.name()).orElse(null);
      merged.add(mine == null ? e
          : new YNode.Entry(mine.key(), merge(e.value(), mine.value(), Shapes.child(type, e.name()))));
    }
    for (YNode.Entry e : o.entries()) {
      if (b.entry(e.name()).isEmpty()) {
        merged.add(e);
      }
    }
    return new YNode.Map(o.origin(), merged);
  }
}
