package io.inscope.configs.internal;

import io.inscope.configs.CommonKeys;
import io.inscope.configs.losses.ClassWeights;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds a {@link YNode} tree to spec records by reflection, reporting every error it finds (not
 * just the first) and remembering where each value was written, for checks across records.
 * Values that fail bind to {@link #FAILED}; a record with a failed component is not constructed,
 * so its invariants never see half-bound values.
 */
public final class Binder {
  /** The result of a value that could not be bound (its error is already reported). */
  public static final Object FAILED = new Object();

  private final Problems problems;
  private final Map<String, Origin> locations = new HashMap<>();
  private final ScalarBinder scalars;
  private final RecordBinder records;

  public Binder(Problems problems) {
    this.problems = problems;
    this.scalars = new ScalarBinder(problems);
    this.records = new RecordBinder(this, problems);
  }

  /** Where each bound path was written (defaults: at their parent map). */
  public Map<String, Origin> locations() {
    return Collections.unmodifiableMap(locations);
  }

  /** Binds a whole document to a record type; null when it has errors. */
  public <T> T bindRoot(YNode root, Class<T> type) {
    Object value = bind(root, type, null, "");
    return value == FAILED ? null : type.cast(value);
  }

  /** Binds one value; {@code field} (may be null) carries the annotations that apply to it. */
  Object bind(YNode node, Type type, Field field, String path) {
    locations.put(path, node.origin());
    if (node instanceof YNode.Scalar s && s.type() == YNode.Type.INVALID) {
      return FAILED;
    }
    Class<?> raw = Types.raw(type);
    if (raw == ClassWeights.class && node instanceof YNode.Map) {
      return classWeights(node, path);
    }
    if (raw.isRecord() && Types.parser(raw) == null) {
      return raw.isAnnotationPresent(CommonKeys.class) ? records.bindCommon(node, raw, path) : records.bind(node, raw, path);
    }
    if (Types.isFamily(raw)) {
      return records.kinds().bind(node, KindFamily.of(raw), path);
    }
    if (Types.isList(type)) {
      return field != null && field.pair() ? pair(node, field, path) : list(node, type, field, path);
    }
    if (Types.isMap(type)) {
      return map(node, Types.arg(type, 1), path);
    }
    return scalars.bind(node, raw, field, path);
  }

  /** The map form of {@link ClassWeights} (its scalar form, {@code balanced}, is parsed). */
  @SuppressWarnings("unchecked")
  private Object classWeights(YNode node, String path) {
    Object weights = map(node, Double.class, path);
    if (weights == FAILED) {
      return FAILED;
    }
    try {
      return ClassWeights.fromMap((Map<String, Double>) weights);
    } catch (IllegalArgumentException e) {
      problems.add(node.origin(), path, e.getMessage());
      return FAILED;
    }
  }

  private Object list(YNode node, Type type, Field field, String path) {
    if (field != null && field.oneOrList() && node instanceof YNode.Scalar s && !s.isNull()) {
      node = new YNode.Seq(s.origin(), List.of(s));
    }
    if (!(node instanceof YNode.Seq seq)) {
      problems.add(node.origin(), path, "expected a list, got " + YNode.describe(node));
      return FAILED;
    }
    Type element = Types.arg(type, 0);
    boolean files = field != null && field.filePath() && element == String.class;
    List<Object> values = new ArrayList<>();
    boolean ok = true;
    for (int i = 0; i < seq.items().size(); i++) {
      YNode item = seq.items().get(i);
      String itemPath = Paths.index(path, i);
      if (files && item instanceof YNode.Scalar s && !s.isNull() && s.type() != YNode.Type.INVALID) {
        locations.put(itemPath, item.origin());
        List<String> matched = scalars.files().expand(s, itemPath);
        ok &= matched != null;
        if (matched != null) {
          values.addAll(matched);
        }
        continue;
      }
      Object value = bind(item, element, field, itemPath);
      ok &= value != FAILED;
      values.add(value);
    }
    return ok ? values : FAILED;
  }

  private Object pair(YNode node, Field field, String path) {
    if (node instanceof YNode.Scalar s && s.type() == YNode.Type.INT) {
      Object n = scalars.bind(node, Integer.class, field, path);
      return n == FAILED ? FAILED : List.of(n, n);
    }
    if (node instanceof YNode.Seq seq && seq.items().size() == 2) {
      Object h = bind(seq.items().get(0), Integer.class, field, Paths.index(path, 0));
      Object w = bind(seq.items().get(1), Integer.class, field, Paths.index(path, 1));
      return h == FAILED || w == FAILED ? FAILED : List.of(h, w);
    }
    String got = node instanceof YNode.Seq seq ? "a list of " + seq.items().size() : YNode.describe(node);
    problems.add(node.origin(), path, "expected an integer or a list of 2 integers, got " + got);
    return FAILED;
  }

  private Object map(YNode node, Type valueType, String path) {
    if (!(node instanceof YNode.Map map)) {
      problems.add(node.origin(), path, "expected a map, got " + YNode.describe(node));
      return FAILED;
    }
    Map<String, Object> values = new LinkedHashMap<>();
    boolean ok = true;
    for (YNode.Entry e : map.entries()) {
      Object value = bind(e.value(), valueType, null, Paths.key(path, e.name()));
      ok &= value != FAILED;
      values.put(e.name(), value);
    }
    return ok ? values : FAILED;
  }
}
