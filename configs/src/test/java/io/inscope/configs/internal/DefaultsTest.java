package io.inscope.configs.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.JobSpec;
import java.lang.reflect.Type;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every {@code @Default} is a valid value of its key, read exactly as the parser reads it. */
class DefaultsTest {
  private static final Origin AT = new Origin("x.yaml", 3, 5, Path.of("").toAbsolutePath());

  static List<Field> defaultedFields() {
    Set<Class<?>> records = new LinkedHashSet<>();
    collect(JobSpec.class, records);
    return records.stream().flatMap(r -> Field.of(r).stream()).filter(f -> f.defaultYaml() != null).toList();
  }

  private static void collect(Type type, Set<Class<?>> records) {
    Class<?> raw = Types.raw(type);
    if (Types.isList(type)) {
      collect(Types.arg(type, 0), records);
    } else if (Types.isMap(type)) {
      collect(Types.arg(type, 1), records);
    } else if (Types.isFamily(raw)) {
      KindFamily.of(raw).kinds().values().forEach(k -> collect(k, records));
    } else if (raw.isRecord() && Types.parser(raw) == null && records.add(raw)) {
      Field.of(raw).forEach(f -> collect(f.type(), records));
    }
  }

  @Test
  void readsEachLiteralAsTheParserDoes() {
    List<Field> fields = defaultedFields();
    assertTrue(fields.size() > 50, "found " + fields.size());
    for (Field f : fields) {
      YNode parsed = SafeYaml.parse(f.defaultYaml(), AT, true, new Problems());
      assertEquals(shape(parsed), shape(Defaults.literal(f)), f.component().toString());
    }
  }

  @Test
  void eachDefaultBindsWithoutErrorsAtTheMapThatLeftItOut() {
    for (Field f : defaultedFields()) {
      Problems problems = new Problems();
      Object value = new Binder(problems).bind(Defaults.node(f, AT), f.type(), f, f.key());
      assertNotEquals(Binder.FAILED, value, f.component() + ": " + problems.sorted());
      assertEquals(AT, Defaults.node(f, AT).origin());
    }
  }

  /** A node without origins, to compare trees. */
  private static String shape(YNode node) {
    if (node instanceof YNode.Scalar s) {
      return s.type() + ":" + s.text();
    }
    if (node instanceof YNode.Seq seq) {
      return seq.items().stream().map(DefaultsTest::shape).toList().toString();
    }
    return ((YNode.Map) node).entries().stream().map(e -> e.name() + "=" + shape(e.value())).toList().toString();
  }
}
