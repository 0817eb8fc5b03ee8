package io.inscope.configs.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Resolves {@code @FilePath} values: relative to the directory of the file that wrote the value
 * (the working directory for {@code --set}), absolute and normalized, and checked to be readable
 * files. In a list, {@code *} and {@code ?} in the file name expand to the sorted matching files
 * (every other character, {@code [} and <code>{</code> included, matches itself). Messages show
 * paths as the user would type them: relative to the working directory when the job file was named
 * that way.
 */
final class FilePaths {
  private final Problems problems;

  FilePaths(Problems problems) {
    this.problems = problems;
  }

  /** The message for a value that is no path at all (on Linux: it holds a NUL character). */
  static String invalid(String text, InvalidPathException e) {
    String reason = e.getReason() == null ? "" : " (" + e.getReason().toLowerCase(java.util.Locale.ROOT) + ")";
    return "not a valid path" + reason + ": " + YNode.quote(text);
  }

  /** The absolute path of one file, or null (reported). */
  String one(YNode.Scalar s, String path) {
    Path file = resolve(s, path);
    if (file == null) {
      return null;
    }
    String problem = problem(file);
    if (problem != null) {
      problems.add(s.origin(), path, problem + ": " + display(s));
      return null;
    }
    return file.toString();
  }

  /** The absolute path of one folder, or null (reported). */
  String directory(YNode.Scalar s, String path) {
    Path dir = resolve(s, path);
    if (dir == null) {
      return null;
    }
    String problem = !Files.exists(dir) ? "no such directory"
        : !Files.isDirectory(dir) ? "expected a directory, got a file"
        : !Files.isReadable(dir) ? "directory not readable" : null;
    if (problem != null) {
      problems.add(s.origin(), path, problem + ": " + display(s));
      return null;
    }
    return dir.toString();
  }

  /** The absolute paths a list entry names: one file, or every file its glob matches; null (reported) when none. */
  List<String> expand(YNode.Scalar s, String path) {
    Path file = resolve(s, path);
    if (file == null) {
      return null;
    }
    Path dir = file.getParent();
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (dir != null && isGlob(dir.toString())) {
      problems.add(s.origin(), path, "* and ? are allowed only in the file name, got " + YNode.quote(s.text()));
      return null;
    }
    if (dir == null || !isGlob(name)) {
      String one = one(s, path);
      return one == null ? null : List.of(one);
    }
    Pattern pattern = glob(name);
    List<String> matches = new ArrayList<>();
    try (DirectoryStream<Path> entries = Files.newDirectoryStream(dir, p -> pattern.matcher(p.getFileName().toString()).matches())) {
      for (Path p : entries) {
        if (Files.isRegularFile(p) && Files.isReadable(p)) {
          matches.add(p.toString());
        }
      }
    } catch (IOException e) {
      // an unreadable or missing directory matches nothing; reported below
    }
    if (matches.isEmpty()) {
      problems.add(s.origin(), path, "no readable file matches " + display(s));
      return null;
    }
    matches.sort(null);
    return matches;
  }

  private static boolean isGlob(String name) {
    return name.indexOf('*') >= 0 || name.indexOf('?') >= 0;
  }

  /** {@code *}: any characters, {@code ?}: one character; everything else literally. */
  static Pattern glob(String name) {
    StringBuilder regex = new StringBuilder();
    int literal = 0;
    for (int i = 0; i <= name.length(); i++) {
      if (i == name.length() || name.charAt(i) == '*' || name.charAt(i) == '?') {
        if (i > literal) {
          regex.append(Pattern.quote(name.substring(literal, i)));
        }
        if (i < name.length()) {
          regex.append(name.charAt(i) == '*' ? ".*" : ".");
        }
        literal = i + 1;
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /** The absolute path the value names, or null (reported) when it is not a path. */
  private Path resolve(YNode.Scalar s, String path) {
    try {
      return s.origin().dir().resolve(s.text()).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      problems.add(s.origin(), path, invalid(s.text(), e));
      return null;
    }
  }

  private static String problem(Path file) {
    if (!Files.exists(file)) {
      return "no such file";
    }
    if (Files.isDirectory(file)) {
      return "expected a file, got a directory";
    }
    return Files.isReadable(file) ? null : "file not readable";
  }

  /** The path in the user's terms: as written when absolute or from --set, else next to the file that wrote it. */
  private static String display(YNode.Scalar s) {
    Path written = Path.of(s.text());
    Origin o = s.origin();
    if (written.isAbsolute() || o.isSet()) {
      return s.text();
    }
    Path parent = Path.of(o.source()).getParent();
    return (parent == null ? written : parent.resolve(written)).normalize().toString();
  }
}
