package io.inscope.configs.internal;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.FilePath;
import io.inscope.configs.Inline;
import io.inscope.configs.Key;
import io.inscope.configs.OneOrList;
import io.inscope.configs.OptionalKey;
import io.inscope.configs.Pair;
import io.inscope.configs.Range;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.List;

/**
 * One component of a spec record as a job file sees it: its YAML key and the annotations that
 * drive binding, rendering, the JSON Schema and the reference tables.
 *
 * @param defaultYaml the {@code @Default} literal, or null
 * @param doc the {@code @Doc} text, or empty
 */
public record Field(
    String key,
    RecordComponent component,
    String defaultYaml,
    boolean optional,
    String doc,
    Range range,
    boolean pair,
    boolean inline,
    boolean filePath,
    boolean oneOrList) {

  static Field of(RecordComponent c) {
    Key key = c.getAnnotation(Key.class);
    Default def = c.getAnnotation(Default.class);
    Doc doc = c.getAnnotation(Doc.class);
    return new Field(
        key != null ? key.value() : snakeCase(c.getName()),
        c,
        def == null ? null : def.value(),
        c.isAnnotationPresent(OptionalKey.class),
        doc == null ? "" : doc.value(),
        c.getAnnotation(Range.class),
        c.isAnnotationPresent(Pair.class),
        c.isAnnotationPresent(Inline.class),
        c.isAnnotationPresent(FilePath.class),
        c.isAnnotationPresent(OneOrList.class));
  }

  /** The fields of a spec record, in component order. */
  public static List<Field> of(Class<?> record) {
    return Fields.of(record);
  }

  public Type type() {
    return component.getGenericType();
  }

  public Class<?> raw() {
    return component.getType();
  }

  /** The key must be written: no default, not optional (an inline kind is required too). */
  public boolean required() {
    return defaultYaml == null && !optional;
  }

  static String snakeCase(String name) {
    StringBuilder s = new StringBuilder();
    for (char ch : name.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        s.append('_').append(Character.toLowerCase(ch));
      } else {
        s.append(ch);
      }
    }
    return s.toString();
  }
}
