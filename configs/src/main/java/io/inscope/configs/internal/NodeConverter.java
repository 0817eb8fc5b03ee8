package io.inscope.configs.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Turns SnakeYAML's composed node graph into a {@link YNode} tree. Rejects every tag but the
 * plain-data ones, reports duplicate keys with both positions, applies merge keys ({@code <<}), and
 * expands aliases while counting nodes and depth, so a shared or cyclic graph cannot blow up.
 */
final class NodeConverter {
  private final Origin file;
  private final boolean fixed;
  private final Problems problems;
  private int nodes;

  /** A bound was passed; the document is rejected as a whole. */
  static final class LimitException extends RuntimeException {
    final Origin origin;

    LimitException(Origin origin, String message) {
      super(message, null, false, false);
      this.origin = origin;
    }
  }

  NodeConverter(Origin file, boolean fixed, Problems problems) {
    this.file = file;
    this.fixed = fixed;
    this.problems = problems;
  }

  YNode convert(Node root) {
    return convert(root, "", 0);
  }

  static String shortTag(String tag) {
    return tag.startsWith(Tag.PREFIX) ? "!!" + tag.substring(Tag.PREFIX.length()) : tag;
  }

  private YNode convert(Node node, String path, int depth) {
    Origin origin = origin(node.getStartMark());
    if (++nodes > SafeYaml.MAX_NODES) {
      throw new LimitException(origin, "too many values: more than " + SafeYaml.MAX_NODES + " once aliases are expanded");
    }
    if (depth > SafeYaml.MAX_DEPTH) {
      throw new LimitException(origin, "nested too deep: more than " + SafeYaml.MAX_DEPTH + " levels of lists and maps (a recursive alias?)");
    }
    if (node instanceof ScalarNode s) {
      return scalar(s, origin, path);
    }
    if (!node.getTag().equals(node instanceof SequenceNode ? Tag.SEQ : Tag.MAP)) {
      return invalid(node, origin, path);
    }
    if (node instanceof SequenceNode seq) {
      List<YNode> items = new ArrayList<>();
      for (Node item : seq.getValue()) {
        items.add(convert(item, Paths.index(path, items.size()), depth + 1));
      }
      return new YNode.Seq(origin, items);
    }
    return map((MappingNode) node, origin, path, depth);
  }

  private YNode scalar(ScalarNode s, Origin origin, String path) {
    Tag tag = s.getTag();
    YNode.Type type;
    if (tag.equals(Tag.STR) || tag.equals(Tag.TIMESTAMP)) {
      type = YNode.Type.STR;
    } else if (tag.equals(Tag.INT)) {
      type = YNode.Type.INT;
    } else if (tag.equals(Tag.FLOAT)) {
      type = YNode.Type.FLOAT;
    } else if (tag.equals(Tag.BOOL)) {
      type = YNode.Type.BOOL;
    } else if (tag.equals(Tag.NULL)) {
      type = YNode.Type.NULL;
    } else {
      return invalid(s, origin, path);
    }
    if (!fits(type, s.getValue())) {
      // only an explicit tag (!!bool maybe, !!int abc) can disagree with the text
      problems.add(origin, path, YNode.quote(s.getValue()) + " is not a valid " + shortTag(tag.getValue()) + " value (expected "
          + switch (type) {
            case INT -> "an integer";
            case FLOAT -> "a number";
            case BOOL -> "true or false";
            default -> "null, ~ or nothing";
          } + ")");
      return new YNode.Scalar(origin, s.getValue(), YNode.Type.INVALID, s.isPlain());
    }
    return new YNode.Scalar(origin, s.getValue(), type, s.isPlain());
  }

  /** Whether text written without a tag would read as the given type (an integer is also a number). */
  private static boolean fits(YNode.Type type, String text) {
    if (type == YNode.Type.STR) {
      return true;
    }
    YNode.Type implicit = Numbers.resolve(text);
    return implicit == type || type == YNode.Type.FLOAT && implicit == YNode.Type.INT;
  }

  private YNode invalid(Node node, Origin origin, String path) {
    problems.add(origin, path, "tag " + shortTag(node.getTag().getValue())
        + " is not allowed (a job file holds plain data: strings, numbers, booleans, lists and maps)");
    return new YNode.Scalar(origin, "", YNode.Type.INVALID, true);
  }

  private YNode map(MappingNode node, Origin origin, String path, int depth) {
    List<YNode.Entry> entries = new ArrayList<>();
    Map<String, Origin> seen = new HashMap<>();
    List<YNode.Map> merged = new ArrayList<>();
    for (NodeTuple tuple : node.getValue()) {
      Node keyNode = tuple.getKeyNode();
      Origin keyOrigin = origin(keyNode.getStartMark());
      if (keyNode.getTag().equals(Tag.MERGE)) {
        merged.addAll(mergeSources(convert(tuple.getValueNode(), path, depth + 1), path));
        continue;
      }
      if (!(keyNode instanceof ScalarNode k) || !(convert(k, path, depth + 1) instanceof YNode.Scalar key)
          || key.type() == YNode.Type.INVALID) {
        problems.add(keyOrigin, path, "keys must be plain strings, got " + (keyNode instanceof ScalarNode ? "a tagged value" : "a " + (keyNode instanceof SequenceNode ? "list" : "map")));
        continue;
      }
      String childPath = Paths.key(path, key.text());
      Origin first = seen.putIfAbsent(key.text(), keyOrigin);
      if (first != null) {
        problems.add(keyOrigin, childPath, "duplicate key '" + key.text() + "'" + (first.line() > 0 ? " (first at line " + first.line() + ", column " + first.column() + ")" : ""));
        continue;
      }
      entries.add(new YNode.Entry(key, convert(tuple.getValueNode(), childPath, depth + 1)));
    }
    for (YNode.Map source : merged) {
      for (YNode.Entry e : source.entries()) {
        if (seen.putIfAbsent(e.name(), e.key().origin()) == null) {
          entries.add(e);
        }
      }
    }
    return new YNode.Map(origin, entries);
  }

  private List<YNode.Map> mergeSources(YNode value, String path) {
    List<YNode> candidates = value instanceof YNode.Seq seq ? seq.items() : List.of(value);
    List<YNode.Map> maps = new ArrayList<>();
    for (YNode candidate : candidates) {
      if (candidate instanceof YNode.Map m) {
        maps.add(m);
      } else {
        problems.add(candidate.origin(), path, "a merge key (<<) takes a map or a list of maps, got " + YNode.describe(candidate));
      }
    }
    return maps;
  }

  private Origin origin(Mark mark) {
    return fixed || mark == null ? file : file.at(mark.getLine() + 1, mark.getColumn() + 1);
  }
}
