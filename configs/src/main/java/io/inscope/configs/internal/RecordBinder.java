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
    return bind(node, type, path, List.of());
  }

  /** @param common keys of a {@code @CommonKeys} record accepted among this record's keys (bound by the caller) */
  Object bind(YNode node, Class<?> type, String path, List<String> common) {
    if (!(node instanceof YNode.Map map)) {
      problems.add(node.origin(), path, "expected a map, got " + YNode.describe(node));
      return Binder.FAILED;
    }
    List<Field> fields = Field.of(type);
    reportUnknownKeys(map, type, fields, path, common);
    map = common.isEmpty() ? map : new YNode.Map(map.origin(), map.entries().stream().filter(e -> !common.contains(e.name())).toList());
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

  /**
   * Binds a {@code @CommonKeys} record: its kind from the node, its other keys from among the
   * kind's arguments ({@code {dense: {units: 10, name: head}}}); a kind written without an
   * argument map takes the other keys' defaults.
   */
  Object bindCommon(YNode node, Class<?> type, String path) {
    List<Field> fields = Field.of(type);
    Field kindField = Shapes.kindField(type);
    List<String> common = fields.stream().filter(f -> f != kindField).map(Field::key).toList();
    KindFamily family = KindFamily.of(kindField.raw());
    YNode.Map commonMap = new YNode.Map(node.origin(), List.of());
    String argsPath = path;
    if (node instanceof YNode.Map m && m.entries().size() == 1 && m.entries().get(0).value() instanceof YNode.Map args) {
      commonMap = new YNode.Map(args.origin(), args.entries().stream().filter(e -> common.contains(e.name())).toList());
      argsPath = Paths.key(path, m.entries().get(0).name());
    } else if (Shapes.kindName(node) != null) {
      argsPath = Paths.key(path, Shapes.kindName(node));
    }
    Object[] args = new Object[fields.size()];
    boolean ok = true;
    for (int i = 0; i < fields.size(); i++) {
      Field f = fields.get(i);
      Object value = f == kindField ? kinds.bind(node, family, path, common) : bindField(commonMap, f, argsPath);
      ok &= value != Binder.FAILED;
      args[i] = value;
    }
    return ok ? construct(type, args, commonMap, argsPath) : Binder.FAILED;
  }

  private void reportUnknownKeys(YNode.Map map, Class<?> type, List<Field> fields, String path, List<String> common) {
    List<String> known = new ArrayList<>();
    for (Field f : fields) {
      if (f.inline()) {
        known.addAll(KindFamily.of(f.raw()).kinds().keySet());
      } else {
        known.add(f.key());
      }
    }
    known.addAll(common);
    for (YNode.Entry e : map.entries()) {
      if (known.contains(e.name())) {
        continue;
      }
      String hint = known.size() == common.size()
          ? KindFamily.nameOf(type) + " takes no arguments" + (common.isEmpty() ? "" : "; only the keys every kind takes: " + String.join(", ", common))
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
