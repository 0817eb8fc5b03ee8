package io.inscope.configs.internal;

import java.util.List;
import java.util.Optional;

/**
 * The loader's YAML tree: plain data only (strings, numbers, booleans, null, lists, string-keyed
 * maps), each node with the {@link Origin} it was written at. Immutable; templates and overrides
 * build new trees.
 */
public sealed interface YNode permits YNode.Scalar, YNode.Seq, YNode.Map {

  Origin origin();

  /** The YAML type of a scalar; {@code INVALID} marks a node already reported as an error. */
  enum Type {
    STR,
    INT,
    FLOAT,
    BOOL,
    NULL,
    INVALID
  }

  /** A scalar; {@code plain} is false for quoted and block scalars, which are always strings. */
  record Scalar(Origin origin, String text, Type type, boolean plain) implements YNode {
    public static Scalar nothing(Origin origin) {
      return new Scalar(origin, "", Type.NULL, true);
    }

    public static Scalar string(Origin origin, String text) {
      return new Scalar(origin, text, Type.STR, false);
    }

    public boolean isNull() {
      return type == Type.NULL;
    }
  }

  record Seq(Origin origin, List<YNode> items) implements YNode {
    public Seq {
      items = List.copyOf(items);
    }
  }

  /** A map entry; the key keeps its own origin for "unknown key" errors. */
  record Entry(Scalar key, YNode value) {
    public String name() {
      return key.text();
    }
  }

  record Map(Origin origin, List<Entry> entries) implements YNode {
    public Map {
      entries = List.copyOf(entries);
    }

    public Optional<Entry> entry(String key) {
      return entries.stream().filter(e -> e.name().equals(key)).findFirst();
    }

    public YNode get(String key) {
      return entry(key).map(Entry::value).orElse(null);
    }

    public Map without(String key) {
      return new Map(origin, entries.stream().filter(e -> !e.name().equals(key)).toList());
    }
  }

  /** How a node reads in "got ..." messages: {@code '10x'}, {@code a list}, {@code a map}, {@code nothing}. */
  static String describe(YNode node) {
    if (node instanceof Seq) {
      return "a list";
    }
    if (node instanceof Map) {
      return "a map";
    }
    Scalar s = (Scalar) node;
    return s.isNull() ? "nothing" : quote(s.text());
  }

  /** Quotes a value for a message, shortening long ones. */
  static String quote(String text) {
    if (text.length() > 60) {
      return "'" + text.substring(0, 40) + "...' (" + text.length() + " characters)";
    }
    return "'" + text + "'";
  }
}
