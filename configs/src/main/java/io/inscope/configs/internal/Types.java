package io.inscope.configs.internal;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;

/** Reflection helpers for the types a spec record's components can have. */
public final class Types {
  private Types() {}

  public static Class<?> raw(Type type) {
    if (type instanceof Class<?> c) {
      return c;
    }
    if (type instanceof ParameterizedType p) {
      return (Class<?>) p.getRawType();
    }
    throw new IllegalArgumentException("unsupported type in a spec record: " + type);
  }

  /** The {@code index}-th type argument ({@code List<X>} -> X at 0, {@code Map<K, V>} -> V at 1). */
  public static Type arg(Type type, int index) {
    return ((ParameterizedType) type).getActualTypeArguments()[index];
  }

  public static boolean isList(Type type) {
    return List.class.isAssignableFrom(raw(type));
  }

  public static boolean isMap(Type type) {
    return Map.class.isAssignableFrom(raw(type));
  }

  public static boolean isRecord(Type type) {
    return raw(type).isRecord();
  }

  /** A sealed interface whose permitted subtypes are {@code @Kind} records, or an open one ({@code @BuiltInKinds}). */
  public static boolean isFamily(Type type) {
    Class<?> c = raw(type);
    return c.isInterface() && (c.isSealed() || c.isAnnotationPresent(io.inscope.configs.BuiltInKinds.class));
  }

  /** A value type written as one scalar and read by its {@code public static X parse(String)}. */
  public static Method parser(Class<?> c) {
    if (c.isPrimitive() || c.isEnum() || c == String.class || Number.class.isAssignableFrom(c) || c == Boolean.class) {
      return null;
    }
    try {
      Method m = c.getMethod("parse", String.class);
      return Modifier.isStatic(m.getModifiers()) && m.getReturnType() == c ? m : null;
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  public static boolean isInteger(Class<?> c) {
    return c == int.class || c == Integer.class || c == long.class || c == Long.class;
  }

  public static boolean isLong(Class<?> c) {
    return c == long.class || c == Long.class;
  }

  public static boolean isDouble(Class<?> c) {
    return c == double.class || c == Double.class;
  }

  public static boolean isBoolean(Class<?> c) {
    return c == boolean.class || c == Boolean.class;
  }
}
