package io.inscope.runner.internal;

import io.inscope.modules.data.ClassNames;
import io.inscope.modules.metrics.ConfusionMatrix;
import io.inscope.modules.train.StepMetrics;
import io.inscope.modules.train.TrainListener;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * {@value #FILE} in the run directory: the confusion matrix of the latest evaluation of a
 * classifier, rewritten atomically after each one. The first row is {@code true\predicted} and the
 * class names (from {@code classes.txt}, else the class ids); each further row is a true class's
 * name and its counts per predicted class. Fields holding a comma, quote or line break are quoted
 * (RFC 4180).
 *
 * <pre>
 * true\predicted,cat,dog
 * cat,41,9
 * dog,6,44
 * </pre>
 */
public final class ConfusionMatrixCsv {
  public static final String FILE = "confusion_matrix.csv";

  private ConfusionMatrixCsv() {}

  /** Writes the file after every evaluation that counted a confusion matrix. */
  public static TrainListener listener(RunDirectory run, Optional<ClassNames> classes) {
    return new TrainListener() {
      @Override
      public void onEval(StepMetrics eval) {
        if (eval.confusion() == null) {
          return;
        }
        try {
          run.writeAtomically(FILE, csv(eval.confusion(), names(eval.confusion(), classes)));
        } catch (IOException e) {
          Path file = run.resolve(FILE);
          throw new UncheckedIOException(e instanceof FileSystemException ? e
              : (IOException) new FileSystemException(file.toString(), null, e.getMessage()).initCause(e));
        }
      }
    };
  }

  /** The class names when {@code classes.txt} names as many classes as counted, else the ids. */
  public static List<String> names(ConfusionMatrix m, Optional<ClassNames> classes) {
    if (classes.isPresent() && classes.get().names().size() == m.classes()) {
      return classes.get().names();
    }
    List<String> ids = new ArrayList<>();
    for (int c = 0; c < m.classes(); c++) {
      ids.add(Integer.toString(c));
    }
    return ids;
  }

  public static String csv(ConfusionMatrix m, List<String> names) {
    StringBuilder b = new StringBuilder("true\\predicted");
    names.forEach(n -> b.append(',').append(field(n)));
    b.append('\n');
    for (int t = 0; t < m.classes(); t++) {
      b.append(field(names.get(t)));
      for (int p = 0; p < m.classes(); p++) {
        b.append(',').append(m.count(t, p));
      }
      b.append('\n');
    }
    return b.toString();
  }

  /** The rows of {@code file}, each a list of fields; empty when the file does not exist. */
  public static List<List<String>> read(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    String text = Files.readString(file);
    List<List<String>> rows = new ArrayList<>();
    List<String> row = new ArrayList<>();
    StringBuilder f = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
          f.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          f.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        row.add(f.toString());
        f.setLength(0);
      } else if (c == '\n') {
        row.add(f.toString());
        f.setLength(0);
        rows.add(List.copyOf(row));
        row.clear();
      } else if (c != '\r') {
        f.append(c);
      }
    }
    if (f.length() > 0 || !row.isEmpty()) {
      row.add(f.toString());
      rows.add(List.copyOf(row));
    }
    return List.copyOf(rows);
  }

  private static String field(String s) {
    if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
      return s;
    }
    return '"' + s.replace("\"", "\"\"") + '"';
  }
}
