package io.inscope.configs.internal;

import io.inscope.configs.ScalarForm;
import io.inscope.configs.losses.ClassWeights;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.DumperOptions.FlowStyle;
import org.yaml.snakeyaml.DumperOptions.ScalarStyle;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeId;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;
import org.yaml.snakeyaml.resolver.Resolver;

/**
 * Writes a spec record as YAML that loads back to an equal record: every component under its key
 * in component order, kinds as {@code {kind: {arguments}}} (a bare name when the kind takes no
 * arguments), inline kinds among their siblings, lists of scalars in flow style. String values of
 * keys that name a secret ({@code *password*}, {@code *token*}, {@code *secret*}) are written as
 * {@code ***}.
 */
public final class YamlWriter {
  public static final String REDACTED = "***";
  private static final Pattern SECRET = Pattern.compile(".*(password|token|secret).*");
  private static final Resolver RESOLVER = new Resolver();

  private YamlWriter() {}

  public static String render(Record value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(Integer.MAX_VALUE);
    StringWriter out = new StringWriter();
    new Yaml(options).serialize(node(value, value.getClass(), ""), out);
    return out.toString();
  }

  public static boolean isSecret(String key) {
    return SECRET.matcher(key.toLowerCase(Locale.ROOT)).matches();
  }

  private static Node node(Object value, Type type, String key) {
    if (value == null) {
      return scalar(Tag.NULL, "null");
    }
    Class<?> raw = Types.raw(type);
    if (value instanceof List<?> list) {
      List<Node> items = new ArrayList<>();
      for (Object item : list) {
        items.add(node(item, Types.arg(type, 0), key));
      }
      boolean flat = items.stream().allMatch(n -> n instanceof ScalarNode);
      return new SequenceNode(Tag.SEQ, items, flat ? FlowStyle.FLOW : FlowStyle.BLOCK);
    }
    if (value instanceof Map<?, ?> map) {
      List<NodeTuple> entries = new ArrayList<>();
      map.forEach((k, v) -> entries.add(tuple((String) k, node(v, Types.arg(type, 1), (String) k))));
      return mapping(entries);
    }
    if (Types.isFamily(raw)) {
      return kind(value);
    }
    if (value instanceof Record record && raw.isAnnotationPresent(io.inscope.configs.CommonKeys.class)) {
      return common(record);
    }
    if (value instanceof ClassWeights w && w.asMap() != null) {
      List<NodeTuple> entries = new ArrayList<>();
      w.asMap().forEach((k, v) -> entries.add(tuple(k, scalar(Tag.FLOAT, v.toString()))));
      return mapping(entries);
    }
    if (value instanceof Record record && Types.parser(raw) == null) {
      return mapping(entries(record));
    }
    return leaf(value, key);
  }

  private static Node kind(Object value) {
    if (value instanceof ScalarForm f && f.scalarForm() != null) {
      return scalar(Tag.FLOAT, f.scalarForm().toString());
    }
    String name = KindFamily.nameOf(value.getClass());
    if (Field.of(value.getClass()).isEmpty()) {
      return scalar(Tag.STR, name);
    }
    return mapping(List.of(tuple(name, mapping(entries((Record) value)))));
  }

  /** A {@code @CommonKeys} record: its kind, with the record's other keys among the kind's arguments. */
  private static Node common(Record record) {
    Field kindField = Shapes.kindField(record.getClass());
    Record kind = null;
    List<NodeTuple> others = new ArrayList<>();
    for (Field f : Field.of(record.getClass())) {
      Object v = get(record, f);
      if (f == kindField) {
        kind = (Record) v;
      } else {
        others.add(tuple(f.key(), node(v, f.type(), f.key())));
      }
    }
    List<NodeTuple> args = entries(kind);
    args.addAll(others);
    return mapping(List.of(tuple(KindFamily.nameOf(kind.getClass()), mapping(args))));
  }

  private static List<NodeTuple> entries(Record record) {
    List<NodeTuple> entries = new ArrayList<>();
    for (Field f : Field.of(record.getClass())) {
      Object v = get(record, f);
      if (f.inline()) {
        entries.add(tuple(KindFamily.nameOf(v.getClass()), mapping(entries((Record) v))));
      } else {
        entries.add(tuple(f.key(), node(v, f.type(), f.key())));
      }
    }
    return entries;
  }

  private static Node leaf(Object value, String key) {
    // only text can hold a credential: max_tokens: 64 is a number, not a token
    if (value instanceof String && isSecret(key)) {
      return scalar(Tag.STR, REDACTED);
    }
    if (value instanceof String s) {
      return scalar(Tag.STR, s);
    }
    if (value instanceof Enum<?> e) {
      return scalar(Tag.STR, TypeNames.yamlName(e));
    }
    if (value instanceof Boolean b) {
      return scalar(Tag.BOOL, b.toString());
    }
    if (value instanceof Double d) {
      return scalar(Tag.FLOAT, d.toString());
    }
    if (value instanceof Number n) {
      return scalar(Tag.INT, n.toString());
    }
    String text = value.toString();
    return scalar(RESOLVER.resolve(NodeId.scalar, text, true), text);
  }

  private static Object get(Record record, Field f) {
    try {
      Method accessor = f.component().getAccessor();
      accessor.trySetAccessible();
      return accessor.invoke(record);
    } catch (IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ScalarNode scalar(Tag tag, String text) {
    return new ScalarNode(tag, text, null, null, ScalarStyle.PLAIN);
  }

  private static NodeTuple tuple(String key, Node value) {
    return new NodeTuple(scalar(Tag.STR, key), value);
  }

  private static MappingNode mapping(List<NodeTuple> entries) {
    return new MappingNode(Tag.MAP, entries, entries.isEmpty() ? FlowStyle.FLOW : FlowStyle.BLOCK);
  }
}
