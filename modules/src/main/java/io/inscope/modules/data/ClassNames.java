package io.inscope.modules.data;

import io.inscope.modules.data.internal.TextFiles;
import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The class names of a run: class id {@code i} is {@code names().get(i)}. They come from the
 * training split (its distinct string labels in sorted order) and are kept in the run directory as
 * {@value #FILE}, which evaluation, resume, export and prediction read back, so that every split
 * and every later use of the model maps a name to the id it was trained with.
 *
 * <p>{@value #FILE} is UTF-8 text, one class name per line, the line's index (from 0) being the
 * class id; a final line break is optional. A name is not empty and holds no line break.
 */
public final class ClassNames {
  /** The file name in the run directory. */
  public static final String FILE = "classes.txt";

  private final List<String> names;
  private final Map<String, Integer> ids;

  private ClassNames(List<String> names) {
    this.names = List.copyOf(names);
    this.ids = new HashMap<>();
    for (int i = 0; i < this.names.size(); i++) {
      String name = this.names.get(i);
      String problem = problem(name);
      if (problem != null) {
        throw new IllegalArgumentException("class " + i + ": " + problem);
      }
      Integer first = ids.putIfAbsent(name, i);
      if (first != null) {
        throw new IllegalArgumentException("class " + i + ": '" + name + "' is also class " + first);
      }
    }
    if (this.names.isEmpty()) {
      throw new IllegalArgumentException("no class names");
    }
  }

  /**
   * The names in the given order (class id = index).
   *
   * @throws IllegalArgumentException for an empty list, a duplicate, an empty name or a line break
   */
  public static ClassNames of(List<String> names) {
    return new ClassNames(names);
  }

  /** The distinct names in sorted order ({@link String#compareTo}): the training split's rule. */
  public static ClassNames sorted(Collection<String> names) {
    return new ClassNames(new ArrayList<>(new TreeSet<>(names)));
  }

  /** Why {@code name} cannot be a class name, or null when it can. */
  public static String problem(String name) {
    if (name.isEmpty()) {
      return "a class name may not be empty";
    }
    if (name.indexOf('\n') >= 0 || name.indexOf('\r') >= 0) {
      return "a class name may not hold a line break (" + FILE + " keeps one name per line)";
    }
    return null;
  }

  public List<String> names() {
    return names;
  }

  public int size() {
    return names.size();
  }

  /** The id of {@code name}, or -1 when it is not a class. */
  public int id(String name) {
    return ids.getOrDefault(name, -1);
  }

  public String name(int id) {
    return names.get(id);
  }

  /** The file's content: each name followed by a line break. */
  public String text() {
    StringBuilder s = new StringBuilder();
    names.forEach(n -> s.append(n).append('\n'));
    return s.toString();
  }

  /** Writes {@link #text()} to {@code file} atomically (a temporary file beside it, then a rename). */
  public void write(Path file) throws IOException {
    TextFiles.writeAtomically(file, text());
  }

  /** {@code dir/}{@value #FILE} when it exists. */
  public static Optional<ClassNames> readIfPresent(Path dir) throws DataException {
    Path file = dir.resolve(FILE);
    return Files.exists(file) ? Optional.of(read(file)) : Optional.empty();
  }

  /**
   * Reads a {@value #FILE} file. A leading byte-order mark and CR before LF are accepted.
   *
   * @throws DataException naming the file (and line) when it is missing, not UTF-8, empty, or
   *     holds an empty or duplicate name
   */
  public static ClassNames read(Path file) throws DataException {
    String text;
    try {
      text = TextFiles.readUtf8(file);
    } catch (NoSuchFileException e) {
      throw new DataException(file.toString(), "no such file");
    } catch (CharacterCodingException e) {
      throw new DataException(file.toString(), "not UTF-8 text; " + damaged());
    } catch (IOException e) {
      throw new DataException(file.toString(), "cannot be read: " + e.getMessage());
    }
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.endsWith("\n")) {
      text = text.substring(0, text.length() - 1);
    }
    List<String> names = new ArrayList<>();
    Map<String, Integer> lines = new HashMap<>();
    String[] split = text.isEmpty() ? new String[0] : text.split("\n", -1);
    for (int i = 0; i < split.length; i++) {
      String name = split[i].endsWith("\r") ? split[i].substring(0, split[i].length() - 1) : split[i];
      String at = file + ":" + (i + 1);
      if (name.isEmpty()) {
        throw new DataException(at, "empty class name; " + damaged());
      }
      Integer first = lines.putIfAbsent(name, i + 1);
      if (first != null) {
        throw new DataException(at, "class '" + name + "' is also on line " + first + "; " + damaged());
      }
      names.add(name);
    }
    if (names.isEmpty()) {
      throw new DataException(file.toString(), "holds no class names; " + damaged());
    }
    return new ClassNames(names);
  }

  private static String damaged() {
    return "the file is damaged: restore it (one class name per line, the line's index is the class id), "
        + "or start the run over with --fresh";
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ClassNames c && c.names.equals(names);
  }

  @Override
  public int hashCode() {
    return names.hashCode();
  }

  @Override
  public String toString() {
    return names.toString();
  }
}
