package io.inscope.configs.internal;

import io.inscope.configs.SpecException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Binds a map to a spec record: strict keys (with "did you mean"), required keys, {@code @Default}
 * literals bound as if written, an {@code @Inline} kind among the keys, and the record's own
 * invariants ({@link SpecException}) reported at the key they name.
 */
final class RecordBinder {
  private final Binder binder;
  private final Problems problems;
  private final KindBinder kinds;

  RecordBinder(Binder binder, Problems problems) {
    this.binder = binder;
    this.problems = problems;
    this.kinds = new KindBinder(this, problems);
  }

  KindBinder kinds() {
    return kinds;
  }

  Binder binder() {
    return binder;
  }

  Object bind(YNode node, Class<?> type, String path) {
    if (!(node instanceof YNode.Map map)) {
      problems.add(node.origin(), path, "expected a map, got " + YNode.describe(node));
      return Binder.FAILED;
    }
    List<Field> fields = Field.of(type);
    reportUnknownKeys(map, type, fields, path);
    Object[] args = new Object[fields.size()];
    boolean ok = true;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Object value = f.inline() ? kinds.bindInline(map, KindFamily.of(f.raw()), path) : bindField(map, f, path);
      ok &= value != Binder.FAILED;
      args[i] = value;
    }
    return ok ? construct(type, args, map, path) : Binder.FAILED;
  }

  private Object bindField(YNode.Map map, Field f, String path) {
    String fieldPath = Paths.key(path, f.key());
    YNode value = map.get(f.key());
    // null (an empty "cluster:", or ${VAR:-}) leaves a key unset; only a required key needs a value
    boolean absent = value == null || (!f.required() && value instanceof YNode.Scalar s && s.isNull());
    if (!absent) {
      return binder.bind(value, f.type(), f, fieldPath);
    }
    if (f.defaultYaml() != null) {
      return binder.bind(Defaults.node(f, map.origin()), f.type(), f, fieldPath);
    }
    if (f.optional()) {
      return null;
    }
    problems.add(map.origin(), path, "missing required key '" + f.key() + "'");
    return Binder.FAILED;
  }

  private void reportUnknownKeys(YNode.Map map, Class<?> type, List<Field> fields, String path) {
    List<String> known = new ArrayList<>();
    for (Field f : fields) {
      if (f.inline()) {
        known.addAll(KindFamily.of(f.raw()).kinds().keySet());
      } else {
        known.add(f.key());
      }
    }
    for (YNode.Entry e : map.entries()) {
      if (known.contains(e.name())) {
        continue;
      }
      String hint = known.isEmpty()
          ? KindFamily.nameOf(type) + " takes no arguments"
          : "expected one of " + String.join(", ", known) + Suggest.didYouMean(e.name(), known);
      problems.add(e.key().origin(), Paths.key(path, e.name()), "unknown key " + YNode.quote(e.name()) + " (" + hint + ")");
    }
  }

  private Object construct(Class<?> type, Object[] args, YNode.Map map, String path) {
    try {
      return canonical(type).newInstance(args);
    } catch (InvocationTargetException e) {
      if (!(e.getCause() instanceof IllegalArgumentException bad)) {
        throw new IllegalStateException("bug: " + type.getSimpleName() + " rejected bound values", e.getCause());
      }
      String key = bad instanceof SpecException se ? se.key() : "";
      YNode at = key.isEmpty() ? null : map.get(key);
      problems.add(at != null ? at.origin() : map.origin(), key.isEmpty() ? path : Paths.key(path, key), shorten(bad.getMessage()));
      return Binder.FAILED;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Constructor<?> canonical(Class<?> type) throws NoSuchMethodException {
    Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType).toArray(Class<?>[]::new);
    Constructor<?> constructor = type.getDeclaredConstructor(types);
    constructor.trySetAccessible();
    return constructor;
  }

  /** Record messages quote values; a pathological value must not make a megabyte of report. */
  private static String shorten(String message) {
    return message.length() <= 300 ? message : message.substring(0, 240) + "... (" + message.length() + " characters)";
  }
}
