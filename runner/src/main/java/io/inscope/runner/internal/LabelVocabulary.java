package io.inscope.runner.internal;

import io.inscope.modules.data.ClassNames;
import io.inscope.modules.train.ServingHead;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The class names a served model reports, in class-id order, written as the export's {@code
 * classes.txt} asset (UTF-8, one name per line, line number = class id): the run's class names
 * ({@link ClassNames}: string labels), else the class ids themselves ({@code 0}, {@code 1}, ...).
 */
public final class LabelVocabulary {
  private LabelVocabulary() {}

  /**
   * @param classes the run's class names, if its labels are names
   * @param count how many classes the model's output has ({@link ServingHead#classCount})
   */
  public static List<String> of(Optional<ClassNames> classes, long count) {
    if (classes.isPresent()) {
      return classes.get().names();
    }
    List<String> ids = new ArrayList<>();
    for (long i = 0; i < count; i++) {
      ids.add(Long.toString(i));
    }
    return List.copyOf(ids);
  }

  /** The asset's bytes: each name and a line feed. */
  public static byte[] text(List<String> names) {
    StringBuilder s = new StringBuilder();
    for (String n : names) {
      s.append(n).append('\n');
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
