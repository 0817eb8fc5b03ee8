package io.inscope.configs.internal;

import java.util.List;

/**
 * Binds kinds: a bare name ({@code flatten}), a one-key map ({@code {dense: {units: 10}}}), or a
 * one-key map whose value is the kind's one required argument ({@code {dropout: 0.2}}); and an
 * {@code @Inline} kind written among its record's keys.
 */
final class KindBinder {
  private final RecordBinder records;
  private final Problems problems;

  KindBinder(RecordBinder records, Problems problems) {
    this.records = records;
    this.problems = problems;
  }

  Object bind(YNode node, KindFamily family, String path) {
    return bind(node, family, path, List.of());
  }

  /** @param common keys of a wrapping {@code @CommonKeys} record, accepted among the arguments */
  Object bind(YNode node, KindFamily family, String path, List<String> common) {
    if (node instanceof YNode.Scalar s && (s.type() == YNode.Type.INT || s.type() == YNode.Type.FLOAT)
        && family.numberKind() != null) {
      return number(s, family.numberKind(), path);
    }
    if (node instanceof YNode.Scalar s && !s.isNull()) {
      Class<?> kind = lookup(family, s.text(), s.origin(), path);
      return kind == null ? Binder.FAILED : records.bind(new YNode.Map(s.origin(), List.of()), kind, Paths.key(path, s.text()));
    }
    if (node instanceof YNode.Map m && m.entries().size() == 1) {
      YNode.Entry e = m.entries().get(0);
      Class<?> kind = lookup(family, e.name(), e.key().origin(), path);
      return kind == null ? Binder.FAILED : arguments(kind, e.value(), Paths.key(path, e.name()), common);
    }
    if (node instanceof YNode.Map m) {
      String got = m.entries().isEmpty() ? "an empty map"
          : m.entries().size() + " keys (" + String.join(", ", m.entries().stream().map(YNode.Entry::name).toList()) + ")";
      problems.add(node.origin(), path, "expected one " + family.noun() + " kind, got " + got + "; a kind is a name or a one-key map {kind: {arguments}}");
      return Binder.FAILED;
    }
    problems.add(node.origin(), path, "expected " + article(family.noun()) + " kind (a name or a one-key map {kind: {arguments}}), got " + YNode.describe(node));
    return Binder.FAILED;
  }

  /**
   * A number where the family takes one ({@code learning_rate: 0.001}): checked as the number kind's
   * one required key but reported at {@code path}, then bound as that kind.
   */
  private Object number(YNode.Scalar s, Class<?> kind, String path) {
    Field sole = KindFamily.soleRequired(kind);
    if (records.binder().bind(s, sole.type(), sole, path) == Binder.FAILED) {
      return Binder.FAILED;
    }
    return arguments(kind, s, path, List.of());
  }

  /** The inline kind of a record: exactly one of the family's names among the map's keys. */
  Object bindInline(YNode.Map map, KindFamily family, String path) {
    List<YNode.Entry> present = map.entries().stream().filter(e -> family.kinds().containsKey(e.name())).toList();
    if (present.isEmpty()) {
      problems.add(map.origin(), path, "missing the " + family.noun() + ": one of " + String.join(", ", family.kinds().keySet()));
      return Binder.FAILED;
    }
    if (present.size() > 1) {
      YNode.Entry second = present.get(1);
      problems.add(second.key().origin(), Paths.key(path, second.name()), "expected one " + family.noun() + ", got "
          + String.join(" and ", present.stream().map(YNode.Entry::name).toList()));
      return Binder.FAILED;
    }
    YNode.Entry e = present.get(0);
    return arguments(family.kinds().get(e.name()), e.value(), Paths.key(path, e.name()), List.of());
  }

  private Object arguments(Class<?> kind, YNode args, String path, List<String> common) {
    if (args instanceof YNode.Scalar s && s.isNull()) {
      return records.bind(new YNode.Map(s.origin(), List.of()), kind, path);
    }
    if (args instanceof YNode.Map) {
      return records.bind(args, kind, path, common);
    }
    Field sole = KindFamily.soleArgument(kind);
    if (sole == null) {
      List<String> required = Field.of(kind).stream().filter(Field::required).map(Field::key).toList();
      String which = required.isEmpty() ? "" : " (required: " + String.join(", ", required) + ")";
      problems.add(args.origin(), path, "expected a map of arguments" + which + ", got " + YNode.describe(args));
      return Binder.FAILED;
    }
    YNode.Entry only = new YNode.Entry(YNode.Scalar.string(args.origin(), sole.key()), args);
    return records.bind(new YNode.Map(args.origin(), List.of(only)), kind, path);
  }

  private static String article(String noun) {
    return ("aeiou".indexOf(noun.charAt(0)) >= 0 ? "an " : "a ") + noun;
  }

  private Class<?> lookup(KindFamily family, String name, Origin origin, String path) {
    Class<?> kind = family.kinds().get(name);
    if (kind == null) {
      problems.add(origin, path, "unknown kind " + YNode.quote(name) + " (expected one of "
          + String.join(", ", family.kinds().keySet()) + Suggest.didYouMean(name, family.kinds().keySet()) + ")");
    }
    return kind;
  }
}
