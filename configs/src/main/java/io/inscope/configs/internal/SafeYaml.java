package io.inscope.configs.internal;

import java.nio.file.Path;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Parses YAML text into a {@link YNode} tree with SnakeYAML's composer only: nothing is ever
 * constructed from a tag. Every resource is bounded: the document size (SnakeYAML's scanner is
 * quadratic in the length of one scalar, so the bound is kept small: job files are a few KiB),
 * the nesting depth, the number of aliases to collections and the number of nodes after aliases
 * are expanded (a billion-laughs document stops at the bound).
 */
public final class SafeYaml {
  public static final int MAX_CHARS = 256 * 1024;
  public static final int MAX_DEPTH = 64;
  public static final int MAX_ALIASES = 50;
  public static final int MAX_NODES = 100_000;

  private SafeYaml() {}

  /**
   * Parses one document. Returns null (with the errors added) when the text is not valid YAML or
   * passes a bound; an empty document is a null scalar. With {@code fixed} set, every node gets
   * that origin (values given on the command line); otherwise nodes get {@code file}'s origin with
   * their line and column.
   */
  public static YNode parse(String text, Origin file, boolean fixed, Problems problems) {
    return parse(text, file, fixed, "", problems);
  }

  /** As {@link #parse(String, Origin, boolean, Problems)}, reporting errors of the whole text at {@code path}. */
  public static YNode parse(String text, Origin file, boolean fixed, String path, Problems problems) {
    if (text.length() > MAX_CHARS) {
      problems.add(fixed ? file : file.at(1, 1), path, "document too large: " + text.length() + " characters (a job file may hold at most " + MAX_CHARS / 1024 + " KiB)");
      return null;
    }
    JobText.Fault unprintable = JobText.unprintable(text, fixed);
    if (unprintable != null) {
      problems.add(fixed ? file : file.at(unprintable.line(), unprintable.column()), path, unprintable.message());
      return null;
    }
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    options.setMaxAliasesForCollections(MAX_ALIASES);
    options.setNestingDepthLimit(MAX_DEPTH);
    options.setCodePointLimit(MAX_CHARS + 1);
    options.setAllowRecursiveKeys(false);
    options.setProcessComments(false);
    NodeConverter converter = new NodeConverter(file, fixed, problems);
    StreamReader reader = new StreamReader(text);
    try {
      Composer composer = new Composer(new ParserImpl(reader, options), new Resolver(), options);
      Node root;
      try {
        root = composer.getSingleNode();
      } catch (IllegalArgumentException e) {
        // SnakeYAML's Tag rejects some tags (a %-escape decoding to a space) with an unchecked exception
        problems.add(at(file, fixed, reader.getMark()), path, "invalid YAML: " + sentence(e.getMessage()));
        return null;
      }
      return root == null ? YNode.Scalar.nothing(file.at(fixed ? 0 : 1, fixed ? 0 : 1)) : converter.convert(root);
    } catch (NodeConverter.LimitException e) {
      problems.add(e.origin, path, e.getMessage());
    } catch (MarkedYAMLException e) {
      problems.add(at(file, fixed, e.getProblemMark()), path, describe(e, text));
    } catch (YAMLException e) {
      // a bound of SnakeYAML's (aliases, nesting, size) or its reader: the reader's position is where it stopped
      problems.add(at(file, fixed, reader.getMark()), path, limitMessage(e.getMessage()));
    }
    return null;
  }

  /** The origin of a file's nodes before a position is known. */
  public static Origin fileOrigin(String source, Path dir) {
    return new Origin(source, 0, 0, dir);
  }

  private static Origin at(Origin file, boolean fixed, Mark mark) {
    return fixed || mark == null ? file : file.at(mark.getLine() + 1, mark.getColumn() + 1);
  }

  private static String describe(MarkedYAMLException e, String text) {
    String problem = e.getProblem() == null ? "" : e.getProblem();
    if (problem.startsWith("Global tag is not allowed: ")) {
      return "tag " + NodeConverter.shortTag(problem.substring("Global tag is not allowed: ".length()))
          + " is not allowed (a job file holds plain data: strings, numbers, booleans, lists and maps)";
    }
    String context = e.getContext() == null ? "" : " (" + e.getContext().trim() + ")";
    // SnakeYAML (YAML 1.1) ends a plain scalar at '?' inside [...] and {...}: a glob needs quotes there
    String hint = problem.endsWith("but got ?") ? "; quote a value that holds ? inside [...] or {...}"
        : problem.endsWith("but got {") && line(text, e.getProblemMark()).contains("${")
            ? "; quote an interpolation inside [...] or {...}: \"${VAR}\"" : "";
    return "invalid YAML: " + sentence(problem) + context + hint;
  }

  private static String limitMessage(String message) {
    if (message.startsWith("Number of aliases")) {
      return "too many aliases: more than " + MAX_ALIASES + " references to anchored lists or maps";
    }
    if (message.startsWith("Nesting Depth exceeded")) {
      return "nested too deep: more than " + MAX_DEPTH + " levels of lists and maps";
    }
    if (message.contains("exceeds the limit")) {
      return "document too large: a job file may hold at most " + MAX_CHARS / 1024 + " KiB";
    }
    return "invalid YAML: " + sentence(message);
  }

  private static String line(String text, Mark mark) {
    if (mark == null) {
      return "";
    }
    String[] lines = text.split("\n", -1);
    return mark.getLine() < lines.length ? lines[mark.getLine()] : "";
  }

  /** A message of SnakeYAML's as ours read: lower-case first letter, no trailing period. */
  private static String sentence(String message) {
    String m = message == null ? "rejected by the YAML parser" : message.strip();
    return firstLower(m.endsWith(".") ? m.substring(0, m.length() - 1) : m);
  }

  private static String firstLower(String s) {
    return s.isEmpty() ? s : Character.toLowerCase(s.charAt(0)) + s.substring(1);
  }
}
