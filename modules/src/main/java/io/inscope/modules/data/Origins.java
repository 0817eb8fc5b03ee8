package io.inscope.modules.data;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Where each example of a split came from, for messages about one example: {@code
 * /x/iris.csv:17: column 'species'}, {@code /x/labels.idx: label 5 (counting from 0)}, {@code
 * /x/a.tfrecord: record 3 (counting from 0): feature 'label'}.
 */
@FunctionalInterface
public interface Origins {
  /** Where example {@code example} (counting from 0 over the whole split) came from. */
  String of(int example);

  /** Examples without a file: {@code example 5 (counting from 0)}. */
  static Origins counted() {
    return i -> "example " + i + " (counting from 0)";
  }

  /** Lines of a text file: {@code file:line} (1-based), then {@code what} when not empty. */
  static Origins lines(Path file, int[] lines, String what) {
    int[] copy = lines.clone();
    String suffix = what.isEmpty() ? "" : ": " + what;
    return i -> file + ":" + copy[i] + suffix;
  }

  /** The items of one file, counted from 0: {@code file: noun i (counting from 0)}. */
  static Origins items(Path file, String noun) {
    return i -> file + ": " + noun + " " + i + " (counting from 0)";
  }

  /**
   * Records of several files read one after another: {@code files.get(f)} holds examples {@code
   * firsts[f]} to {@code firsts[f + 1] - 1}; an example is named by its file and its record index
   * in that file, then {@code what}.
   */
  static Origins records(List<Path> files, int[] firsts, String what) {
    List<Path> paths = List.copyOf(files);
    int[] starts = firsts.clone();
    String suffix = what.isEmpty() ? "" : ": " + what;
    return i -> {
      int f = Arrays.binarySearch(starts, 0, paths.size(), i);
      if (f < 0) {
        f = -f - 2;
      }
      while (f + 1 < paths.size() && starts[f + 1] == i) {
        f++; // skip files without records
      }
      return paths.get(f) + ": record " + (i - starts[f]) + " (counting from 0)" + suffix;
    };
  }
}
