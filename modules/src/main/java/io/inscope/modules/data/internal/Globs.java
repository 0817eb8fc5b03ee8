package io.inscope.modules.data.internal;

import io.inscope.modules.data.DataException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands file paths whose file-name part holds {@code *} (any run of characters) or {@code ?}
 * (one character). Each pattern's matches are sorted by name; patterns keep their listed order.
 * Every other character, {@code [} and {@code {} included, matches itself.
 */
public final class Globs {
  private Globs() {}

  public static List<Path> expand(List<String> patterns, String where) throws DataException {
    List<Path> files = new ArrayList<>();
    for (String pattern : patterns) {
      Path path = Path.of(pattern);
      String name = path.getFileName() == null ? "" : path.getFileName().toString();
      if (name.indexOf('*') < 0 && name.indexOf('?') < 0) {
        if (!Files.isRegularFile(path)) {
          throw new DataException(where, path + ": no such file; check the path (relative paths resolve against the job file's directory)");
        }
        files.add(path);
        continue;
      }
      Path dir = path.getParent();
      if (dir == null || !Files.isDirectory(dir)) {
        throw new DataException(where, pattern + ": no such directory " + dir + "; globs are allowed in the file name only");
      }
      Pattern regex = regex(name);
      try (Stream<Path> listing = Files.list(dir)) {
        List<Path> matches = listing
            .filter(p -> regex.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p))
            .sorted()
            .toList();
        if (matches.isEmpty()) {
          throw new DataException(where, pattern + ": no file matches; check the pattern (* and ? match within the file name)");
        }
        files.addAll(matches);
      } catch (IOException e) {
        throw SourceFiles.unreadable(dir, where, e);
      }
    }
    return files;
  }

  static Pattern regex(String glob) {
    StringBuilder regex = new StringBuilder();
    for (String literal : glob.split("(?=[*?])|(?<=[*?])")) {
      switch (literal) {
        case "*" -> regex.append(".*");
        case "?" -> regex.append('.');
        default -> regex.append(Pattern.quote(literal));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }
}
