package io.inscope.configs.internal;

import io.inscope.configs.Every;
import io.inscope.configs.TimeSpan;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How types read in messages ({@code expected an integer}) and in the reference tables. */
public final class TypeNames {
  private TypeNames() {}

  /** The YAML spelling of an enum constant: its name in lower case ({@code one_device}). */
  public static String yamlName(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  public static List<String> yamlNames(Class<?> enumType) {
    return Arrays.stream(enumType.getEnumConstants()).map(c -> yamlName((Enum<?>) c)).toList();
  }

  /** What a scalar of this type must look like, after "expected". */
  public static String expected(Class<?> raw) {
    if (raw == String.class) {
      return "a string";
    }
    if (Types.isInteger(raw)) {
      return "an integer";
    }
    if (Types.isDouble(raw)) {
      return "a number";
    }
    if (Types.isBoolean(raw)) {
      return "true or false";
    }
    if (raw.isEnum()) {
      return "one of " + String.join(", ", yamlNames(raw));
    }
    if (raw == Every.class) {
      return "epoch, never or a number of steps";
    }
    if (raw == io.inscope.configs.StepsPerExecution.class) {
      return "auto or a number of steps";
    }
    if (raw == TimeSpan.class) {
      return "a duration such as 500ms, 60s, 15m, 2h or 1h30m";
    }
    if (raw == io.inscope.configs.Fraction.class) {
      return "a number or a fraction such as 1/255";
    }
    return "a " + raw.getSimpleName().toLowerCase(Locale.ROOT);
  }

  /** A short type name for the reference tables: {@code integer}, {@code list of integer}, {@code layer}. */
  public static String shortName(Type type) {
    Class<?> raw = Types.raw(type);
    if (Types.isList(type)) {
      return "list of " + shortName(Types.arg(type, 0));
    }
    if (Types.isMap(type)) {
      return "map of name to " + shortName(Types.arg(type, 1));
    }
    if (Types.isFamily(raw)) {
      return KindFamily.of(raw).noun() + " kind";
    }
    if (raw.isRecord() && Types.parser(raw) == null) {
      return "map";
    }
    if (raw.isEnum()) {
      return yamlNames(raw).stream().collect(Collectors.joining(" | "));
    }
    if (raw == Every.class) {
      return "epoch | never | integer";
    }
    if (raw == io.inscope.configs.StepsPerExecution.class) {
      return "auto | integer";
    }
    if (raw == TimeSpan.class) {
      return "duration";
    }
    if (raw == io.inscope.configs.Fraction.class) {
      return "number | fraction";
    }
    return Types.isInteger(raw) ? "integer" : Types.isDouble(raw) ? "number" : Types.isBoolean(raw) ? "boolean" : "string";
  }
}
