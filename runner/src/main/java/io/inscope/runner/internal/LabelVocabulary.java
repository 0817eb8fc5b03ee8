package io.inscope.runner.internal;

import io.inscope.modules.train.ServingHead;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The class names a served model reports, in class-id order, written as the export's {@code
 * classes.txt} asset (UTF-8, one name per line, line number = class id). The first of: the run
 * directory's {@code classes.txt} (the training split's classes); the training split's class names
 * (CSV string labels); the class ids themselves ({@code 0}, {@code 1}, ...).
 */
public final class LabelVocabulary {
  public static final String FILE = "classes.txt";

  private LabelVocabulary() {}

  /**
   * @param runDir the run directory (may hold {@code classes.txt})
   * @param fromData the training split's class names, or empty
   * @param count how many classes the model's output has ({@link ServingHead#classCount})
   */
  public static List<String> of(Path runDir, List<String> fromData, long count) throws IOException {
    Path file = runDir.resolve(FILE);
    if (Files.isRegularFile(file)) {
      List<String> names = new ArrayList<>(Files.readAllLines(file, StandardCharsets.UTF_8));
      while (!names.isEmpty() && names.get(names.size() - 1).isEmpty()) {
        names.remove(names.size() - 1);
      }
      return List.copyOf(names);
    }
    if (!fromData.isEmpty()) {
      return List.copyOf(fromData);
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
      if (n.contains("\n") || n.contains("\r")) {
        throw new IllegalArgumentException("class name " + n + " holds a line break");
      }
      s.append(n).append('\n');
    }
    return s.toString().getBytes(StandardCharsets.UTF_8);
  }
}
