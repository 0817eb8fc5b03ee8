package io.inscope.configs.internal;

import java.lang.reflect.Type;

/**
 * Which spec type sits under a key, so templates and overrides can treat kinds as kinds: a
 * different kind replaces the old one instead of merging into a map with two kinds.
 */
final class Shapes {
  private Shapes() {}

  /** The type of the value under {@code key} in a value of {@code type}, or null when unknown. */
  static Type child(Type type, String key) {
    if (type == null) {
      return null;
    }
    Class<?> raw = Types.raw(type);
    if (Types.isMap(type)) {
      return Types.arg(type, 1);
    }
    if (Types.isFamily(raw)) {
      return KindFamily.of(raw).kinds().get(key);
    }
    if (commonKind(raw) != null) {
      return commonKind(raw).kinds().get(key);
    }
    if (!raw.isRecord()) {
      return null;
    }
    for (Field f : Field.of(raw)) {
      if (f.inline() && KindFamily.of(f.raw()).kinds().containsKey(key)) {
        return KindFamily.of(f.raw()).kinds().get(key);
      }
      if (!f.inline() && f.key().equals(key)) {
        return f.type();
      }
    }
    return null;
  }

  static Type element(Type type) {
    return type != null && Types.isList(type) ? Types.arg(type, 0) : null;
  }

  static boolean isFamily(Type type) {
    return type != null && (Types.isFamily(Types.raw(type)) || commonKind(Types.raw(type)) != null);
  }

  /** The family of a {@code @CommonKeys} record's kind (written like a kind), or null. */
  static KindFamily commonKind(Class<?> raw) {
    if (!raw.isAnnotationPresent(io.inscope.configs.CommonKeys.class)) {
      return null;
    }
    return KindFamily.of(kindField(raw).raw());
  }

  /** The kind component of a {@code @CommonKeys} record: its first kind-family component. */
  static Field kindField(Class<?> commonKeysRecord) {
    return Field.of(commonKeysRecord).stream().filter(f -> Types.isFamily(f.raw())).findFirst()
        .orElseThrow(() -> new IllegalStateException(commonKeysRecord + " has no kind component"));
  }

  /** The kind names that sit among a record's keys ({@code @Inline}), or null. */
  static KindFamily inlineFamily(Type type) {
    if (type == null || !Types.raw(type).isRecord()) {
      return null;
    }
    Field inline = KindFamily.inlineField(Types.raw(type));
    return inline == null ? null : KindFamily.of(inline.raw());
  }

  /** The kind a kind-valued node names ({@code adam} or {@code {adam: ...}}), or null. */
  static String kindName(YNode node) {
    if (node instanceof YNode.Scalar s && s.type() == YNode.Type.STR) {
      return s.text();
    }
    if (node instanceof YNode.Map m && m.entries().size() == 1) {
      return m.entries().get(0).name();
    }
    return null;
  }
}
