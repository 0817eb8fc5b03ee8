package io.inscope.configs.internal;

import java.util.Arrays;
import java.util.List;

/** The {@link Field}s of each spec record, read once by reflection. */
final class Fields {
  private static final ClassValue<List<Field>> CACHE =
      new ClassValue<>() {
        @Override
        protected List<Field> computeValue(Class<?> type) {
          if (!type.isRecord()) {
            throw new IllegalArgumentException(type + " is not a record");
          }
          return Arrays.stream(type.getRecordComponents()).map(Field::of).toList();
        }
      };

  private Fields() {}

  static List<Field> of(Class<?> record) {
    return CACHE.get(record);
  }
}
