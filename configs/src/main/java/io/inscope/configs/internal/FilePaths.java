package io.inscope.configs.internal;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Resolves {@code @FilePath} values: relative to the directory of the file that wrote the value
 * (the working directory for {@code --set}), absolute and normalized, and checked to be readable
 * files. In a list, {@code *} and {@code ?} in the file name expand to the sorted matching files.
 * Messages show paths as the user would type them: relative to the working directory when the job
 * file was named that way.
 */
final class FilePaths {
  private final Problems problems;

  FilePaths(Problems problems) {
    this.problems = problems;
  }

  /** The absolute path of one file, or null (reported). */
  String one(YNode.Scalar s, String path) {
    Path file = resolve(s);
    String problem = problem(file);
    if (problem != null) {
      problems.add(s.origin(), path, problem + ": " + display(s));
      return null;
    }
    return file.toString();
  }

  /** The absolute path of one folder, or null (reported). */
  String directory(YNode.Scalar s, String path) {
    Path dir = resolve(s);
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
    Path file = resolve(s);
    String name = file.getFileName() == null ? "" : file.getFileName().toString();
    if (isGlob(file.getParent().toString())) {
      problems.add(s.origin(), path, "* and ? are allowed only in the file name, got " + YNode.quote(s.text()));
      return null;
    }
    if (!isGlob(name)) {
      String one = one(s, path);
      return one == null ? null : List.of(one);
    }
    List<String> matches = new ArrayList<>();
    try (DirectoryStream<Path> dir = Files.newDirectoryStream(file.getParent(), name)) {
      for (Path p : dir) {
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

  private static Path resolve(YNode.Scalar s) {
    return s.origin().dir().resolve(s.text()).toAbsolutePath().normalize();
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
