package io.inscope.configs.internal;

import io.inscope.configs.BuiltInKinds;
import io.inscope.configs.Kind;
import io.inscope.configs.KindProvider;
import java.util.ArrayList;
import io.inscope.configs.NumberKind;
import java.util.ServiceLoader;
import java.util.Collections;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A kind interface ({@code LayerSpec}, {@code OptimizerSpec}, ...) and its {@code @Kind} records
 * by YAML name: a sealed interface's permitted records, or an open family's built-in records and
 * those {@link KindProvider}s on the classpath add.
 *
 * @param noun how messages name a member: {@code layer}, {@code optimizer}, {@code source}
 */
public record KindFamily(Class<?> type, String noun, SortedMap<String, Class<?>> kinds) {
  private static final ClassValue<KindFamily> CACHE =
      new ClassValue<>() {
        @Override
        protected KindFamily computeValue(Class<?> type) {
          if (!Types.isFamily(type)) {
            throw new IllegalArgumentException(type + " is not a sealed kind interface");
          }
          SortedMap<String, Class<?>> kinds = new TreeMap<>();
          for (Class<?> c : members(type)) {
            Kind kind = c.getAnnotation(Kind.class);
            if (kind == null || !c.isRecord()) {
              throw new IllegalStateException(c + " needs @Kind and must be a record");
            }
            Class<?> twice = kinds.put(kind.value(), c);
            if (twice != null && twice != c) {
              throw new IllegalStateException("two " + type.getSimpleName() + " kinds are named '" + kind.value() + "': " + twice.getName() + " and " + c.getName());
            }
          }
          String noun = type.getSimpleName().replaceFirst("Spec$", "").toLowerCase(java.util.Locale.ROOT);
          return new KindFamily(type, noun, Collections.unmodifiableSortedMap(kinds));
        }
      };

  /** The records of a family: a sealed one's permitted subclasses; an open one's built-ins and plugins' kinds. */
  private static List<Class<?>> members(Class<?> type) {
    if (type.isSealed()) {
      return List.of(type.getPermittedSubclasses());
    }
    List<Class<?>> members = new ArrayList<>(List.of(type.getAnnotation(BuiltInKinds.class).value()));
    for (KindProvider provider : ServiceLoader.load(KindProvider.class)) {
      provider.kinds().stream().filter(type::isAssignableFrom).forEach(members::add);
    }
    return members;
  }

  /** The kind a plain number stands for ({@link NumberKind}), or null. */
  public Class<?> numberKind() {
    NumberKind n = type.getAnnotation(NumberKind.class);
    return n == null ? null : kinds.get(n.value());
  }

  public static KindFamily of(Class<?> type) {
    return CACHE.get(type);
  }

  public static String nameOf(Class<?> kindRecord) {
    return kindRecord.getAnnotation(Kind.class).value();
  }

  /** The one required field of a kind, which may then be written as a scalar ({@code dropout: 0.2}); else null. */
  public static Field soleRequired(Class<?> kindRecord) {
    List<Field> required = Field.of(kindRecord).stream().filter(Field::required).toList();
    return required.size() == 1 ? required.get(0) : null;
  }

  /**
   * The field a scalar after the kind's name stands for ({@code dropout: 0.2}, {@code l2: 0.001}):
   * the one required field, or the only field; else null.
   */
  public static Field soleArgument(Class<?> kindRecord) {
    Field required = soleRequired(kindRecord);
    List<Field> all = Field.of(kindRecord);
    return required != null ? required : all.size() == 1 ? all.get(0) : null;
  }

  /** Every field has a default or is optional, so the bare name is a complete value. */
  public static boolean takesNoArguments(Class<?> kindRecord) {
    return Field.of(kindRecord).stream().noneMatch(Field::required);
  }

  /** The family of an {@code @Inline} field of a record, or null when the record has none. */
  public static Field inlineField(Class<?> record) {
    return Field.of(record).stream().filter(Field::inline).findFirst().orElse(null);
  }
}
