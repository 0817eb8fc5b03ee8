package io.inscope.configs.internal;

import io.inscope.configs.JobSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a job file and the chain of files it {@code extends} (each path relative to the file that
 * names it), and merges each file over its base. Cycles and missing files are reported at the
 * {@code extends} value that causes them; a base file's values keep the base file's name.
 */
final class Templates {
  static final int MAX_CHAIN = 16;
  private final Problems problems;
  private final Interpolator interpolator;

  /** A file of the extends chain, by absolute path and as the messages name it. */
  record Link(Path file, String display) {}

  Templates(Problems problems, Interpolator interpolator) {
    this.problems = problems;
    this.interpolator = interpolator;
  }

  /** The merged tree of a job file, or null (reported) when a file of the chain cannot be read. */
  YNode load(Path file, String display) {
    problems.source(display);
    String text = read(file, display, new Origin(display, 0, 0, file.getParent()), "");
    return text == null ? null : resolve(file, display, text, new ArrayList<>());
  }

  /** The merged tree of YAML text that stands for {@code file}. */
  YNode resolve(Path file, String display, String text, List<Link> chain) {
    problems.source(display);
    YNode root = SafeYaml.parse(text, SafeYaml.fileOrigin(display, file.getParent()), false, problems);
    if (!(root instanceof YNode.Map map) || map.get("extends") == null) {
      return root;
    }
    YNode ext = map.get("extends");
    YNode.Map own = map.without("extends");
    if (!(ext instanceof YNode.Scalar s) || s.isNull() || s.type() == YNode.Type.INVALID) {
      problems.add(ext.origin(), "extends", "expected the path of a base job file, got " + YNode.describe(ext));
      return null;
    }
    String name = interpolator.substitute(s, "extends");
    if (name == null) {
      return null;
    }
    Path basePath;
    String baseDisplay;
    try {
      basePath = file.getParent().resolve(name).normalize();
      Path parent = Path.of(display).getParent();
      baseDisplay = (parent == null ? Path.of(name) : parent.resolve(name)).normalize().toString();
    } catch (InvalidPathException e) {
      problems.add(s.origin(), "extends", FilePaths.invalid(name, e));
      return null;
    }
    List<Link> next = new ArrayList<>(chain);
    next.add(new Link(file, display));
    if (next.stream().anyMatch(l -> l.file().equals(basePath)) || next.size() > MAX_CHAIN) {
      String why = next.size() > MAX_CHAIN ? "base files nest more than " + MAX_CHAIN + " deep" : "base files extend each other in a cycle";
      List<String> names = new ArrayList<>(next.stream().map(Link::display).toList());
      names.add(baseDisplay);
      problems.add(s.origin(), "extends", why + ": " + String.join(" -> ", names));
      return null;
    }
    String baseText = read(basePath, baseDisplay, s.origin(), "extends");
    YNode base = baseText == null ? null : resolve(basePath, baseDisplay, baseText, next);
    if (base == null) {
      return null;
    }
    if (!(base instanceof YNode.Map) && !(base instanceof YNode.Scalar b && b.isNull())) {
      problems.add(base.origin(), "", "expected a map of job keys, got " + YNode.describe(base));
      return null;
    }
    return Merger.merge(base, own, JobSpec.class);
  }

  /**
   * The file's text, or null (reported at the referring extends, or at the job file itself; text
   * that is not UTF-8 at the line and column of the first bad byte, in the file that holds it).
   */
  private String read(Path file, String display, Origin referrer, String path) {
    String which = path.isEmpty() ? "" : ": " + display;
    try {
      if (!Files.isRegularFile(file)) {
        problems.add(referrer, path, (Files.isDirectory(file) ? "expected a file, got a directory"
            : Files.exists(file) ? "expected a regular file" : "no such file") + which);
        return null;
      }
      long size = Files.size(file);
      if (size > SafeYaml.MAX_CHARS * 4L) {
        problems.add(referrer, path, "file too large: " + size + " bytes (a job file may hold at most " + SafeYaml.MAX_CHARS / 1024 + " KiB)" + which);
        return null;
      }
      JobText.Decoded decoded = JobText.decode(Files.readAllBytes(file));
      if (decoded.fault() != null) {
        problems.source(display);
        JobText.Fault f = decoded.fault();
        problems.add(new Origin(display, f.line(), f.column(), file.getParent()), "", f.message());
      }
      return decoded.text();
    } catch (IOException e) {
      problems.add(referrer, path, "cannot read the file (" + e.getMessage() + ")" + which);
    }
    return null;
  }
}
