package io.inscope.configs.internal;

import io.inscope.configs.Every;
import io.inscope.configs.Range;
import io.inscope.configs.TimeSpan;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * JSON Schema fragments for scalars and defaults. A number, boolean or enum may also be written as
 * an interpolation ({@code steps: ${STEPS}}), which an editor sees as a string.
 */
final class ScalarSchemas {
  static final String INTERPOLATED = "interpolated";

  private ScalarSchemas() {}

  static Map<String, Object> interpolatedDef() {
    return map("type", "string", "pattern", "\\$\\{[A-Za-z_][A-Za-z0-9_]*(:-[^}]*)?\\}",
        "description", "${VAR} or ${VAR:-default}, replaced from the environment before typing");
  }

  static Map<String, Object> scalar(Class<?> raw, Range range) {
    if (raw == String.class) {
      return map("type", "string");
    }
    if (raw == TimeSpan.class) {
      return map("type", "string", "pattern", "^([0-9]+(ms|s|m|h|d))+$");
    }
    if (raw == io.inscope.configs.Fraction.class) {
      return orInterpolated(map("anyOf", List.of(map("type", "number"),
          map("type", "string", "pattern", "^ *[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)? */ *[+-]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][+-]?[0-9]+)? *$"))));
    }
    Map<String, Object> s;
    if (raw == io.inscope.configs.StepsPerExecution.class) {
      return orInterpolated(map("anyOf", List.of(map("enum", List.of("auto")),
          map("type", "integer", "minimum", 1, "maximum", io.inscope.configs.StepsPerExecution.MAX))));
    }
    if (raw == Every.class) {
      return orInterpolated(map("anyOf", List.of(map("enum", List.of("epoch", "never")), map("type", "integer", "minimum", 1))));
    } else if (raw.isEnum()) {
      s = map("enum", TypeNames.yamlNames(raw));
    } else if (Types.isBoolean(raw)) {
      s = map("type", "boolean");
    } else {
      s = map("type", Types.isDouble(raw) ? "number" : "integer");
      if (range != null) {
        bounds(s, range);
      }
    }
    return orInterpolated(s);
  }

  private static void bounds(Map<String, Object> s, Range r) {
    if (r.min() != Double.NEGATIVE_INFINITY) {
      s.put(r.minExclusive() ? "exclusiveMinimum" : "minimum", r.min());
    }
    if (r.max() != Double.POSITIVE_INFINITY) {
      s.put(r.maxExclusive() ? "exclusiveMaximum" : "maximum", r.max());
    }
  }

  static Map<String, Object> orInterpolated(Map<String, Object> s) {
    return map("anyOf", List.of(s, ref(INTERPOLATED)));
  }

  static Map<String, Object> ref(String def) {
    return map("$ref", "#/definitions/" + def);
  }

  /** A default literal as JSON data. */
  static Object json(YNode node) {
    if (node instanceof YNode.Seq seq) {
      return seq.items().stream().map(ScalarSchemas::json).toList();
    }
    if (node instanceof YNode.Map m) {
      Map<String, Object> out = new LinkedHashMap<>();
      m.entries().forEach(e -> out.put(e.name(), json(e.value())));
      return out;
    }
    YNode.Scalar s = (YNode.Scalar) node;
    return switch (s.type()) {
      case INT -> Numbers.parseInteger(s.text());
      case FLOAT -> Numbers.parseFinite(s.text());
      case BOOL -> Boolean.parseBoolean(s.text());
      case NULL -> null;
      default -> s.text();
    };
  }

  /** An ordered map from alternating keys and values. */
  static Map<String, Object> map(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }
}
