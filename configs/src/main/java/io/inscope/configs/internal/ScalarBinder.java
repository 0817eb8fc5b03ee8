package io.inscope.configs.internal;

import io.inscope.configs.Range;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** Binds scalars: strings, file paths, integers, numbers, booleans, enums and parsed value types. */
final class ScalarBinder {
  private final Problems problems;
  private final FilePaths files;

  ScalarBinder(Problems problems) {
    this.problems = problems;
    this.files = new FilePaths(problems);
  }

  FilePaths files() {
    return files;
  }

  Object bind(YNode node, Class<?> raw, Field field, String path) {
    if (!(node instanceof YNode.Scalar s) || s.isNull()) {
      problems.add(node.origin(), path, "expected " + TypeNames.expected(raw) + ", got " + YNode.describe(node));
      return Binder.FAILED;
    }
    if (raw == String.class) {
      if (field != null && field.filePath()) {
        boolean directory = field.component().getAnnotation(io.inscope.configs.FilePath.class).directory();
        return orFailed(directory ? files.directory(s, path) : files.one(s, path));
      }
      return s.text();
    }
    if (raw.isEnum()) {
      return constant(s, raw, path);
    }
    if (!Types.isBoolean(raw) && Numbers.hasLeadingZero(s)) {
      problems.add(s.origin(), path, Numbers.leadingZero(s.text()));
      return Binder.FAILED;
    }
    Method parser = Types.parser(raw);
    if (parser != null) {
      return parsed(s, parser, path);
    }
    Object value = Types.isBoolean(raw) ? bool(s) : Types.isDouble(raw) ? number(s) : integer(s, raw);
    if (value == null) {
      problems.add(s.origin(), path, "expected " + TypeNames.expected(raw) + ", got " + got(s, raw));
      return Binder.FAILED;
    }
    Range range = field == null ? null : field.range();
    if (range != null && !Ranges.contains(range, ((Number) value).doubleValue())) {
      problems.add(s.origin(), path, Ranges.describe(range) + " (got " + s.text() + ")");
      return Binder.FAILED;
    }
    return value;
  }

  private static Object orFailed(Object value) {
    return value == null ? Binder.FAILED : value;
  }

  /** YAML 1.2's booleans only: YAML 1.1's yes, no, on and off are errors, not a silent true or false. */
  private static Object bool(YNode.Scalar s) {
    if (s.type() != YNode.Type.BOOL || !Numbers.isBoolean(s.text())) {
      return null;
    }
    return s.text().equalsIgnoreCase("true");
  }

  private static Object number(YNode.Scalar s) {
    if (s.type() == YNode.Type.INT) {
      Long n = Numbers.parseInteger(s.text());
      return n == null ? null : n.doubleValue();
    }
    return s.type() == YNode.Type.FLOAT ? Numbers.parseFinite(s.text()) : null;
  }

  private static Object integer(YNode.Scalar s, Class<?> raw) {
    Long n = s.type() == YNode.Type.INT ? Numbers.parseInteger(s.text()) : null;
    if (n == null || Types.isLong(raw)) {
      return n;
    }
    return n == n.intValue() ? (Object) n.intValue() : null;
  }

  private static String got(YNode.Scalar s, Class<?> raw) {
    if (s.type() == YNode.Type.BOOL && Types.isBoolean(raw)) {
      boolean yes = List.of("yes", "on").contains(s.text().toLowerCase(Locale.ROOT));
      return YNode.quote(s.text()) + " (write " + yes + ": YAML 1.1's yes, no, on and off are not read as booleans)";
    }
    if (s.type() == YNode.Type.STR && !s.plain() && Numbers.resolvesTo(s.text(), raw)) {
      return "the quoted string " + YNode.quote(s.text()) + " (remove the quotes)";
    }
    if (s.type() == YNode.Type.FLOAT && Types.isDouble(raw)) {
      return YNode.quote(s.text()) + " (not a finite number)";
    }
    if (s.type() == YNode.Type.INT && s.text().contains(":")) {
      return YNode.quote(s.text()) + " (base-60 numbers are not read)";
    }
    if (s.type() == YNode.Type.INT && Types.isInteger(raw)) {
      return YNode.quote(s.text()) + " (out of range)";
    }
    return YNode.quote(s.text());
  }

  private Object constant(YNode.Scalar s, Class<?> raw, String path) {
    for (Object c : raw.getEnumConstants()) {
      if (TypeNames.yamlName((Enum<?>) c).equals(s.text())) {
        return c;
      }
    }
    List<String> names = Arrays.stream(raw.getEnumConstants()).map(c -> TypeNames.yamlName((Enum<?>) c)).toList();
    problems.add(s.origin(), path, "unknown value " + YNode.quote(s.text()) + " (expected one of "
        + String.join(", ", names) + Suggest.didYouMean(s.text(), names) + ")");
    return Binder.FAILED;
  }

  private Object parsed(YNode.Scalar s, Method parser, String path) {
    try {
      return parser.invoke(null, s.text());
    } catch (InvocationTargetException e) {
      if (!(e.getCause() instanceof IllegalArgumentException bad)) {
        throw new IllegalStateException("bug: " + parser + " failed on '" + s.text() + "'", e.getCause());
      }
      String message = bad.getMessage();
      problems.add(s.origin(), path, message.contains("got ") ? message : message + " (got " + YNode.quote(s.text()) + ")");
      return Binder.FAILED;
    } catch (IllegalAccessException e) {
      throw new IllegalStateException(e);
    }
  }
}
