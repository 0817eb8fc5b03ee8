package io.inscope.configs.internal;

import io.inscope.configs.ModelSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.ModelInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Expands {@code model.blocks}: reusable groups of layers with parameters, used in {@code layers}
 * like a kind. Each use (each repetition with {@code repeat}) is an instance whose layers are named
 * {@code <instance>/<layer>}; inside a block, {@code input} is the instance's input and names refer
 * to the block's own layers; {@code {param: filters}} is replaced by the parameter's value.
 *
 * <pre>
 * model:
 *   blocks:
 *     res:
 *       params: {filters: 16}
 *       layers:
 *         - conv2d: {filters: {param: filters}, kernel_size: 3, padding: same, name: conv}
 *         - add: {inputs: [conv, input]}
 *   layers:
 *     - res: {filters: 16, repeat: 3}
 * </pre>
 *
 * <p>After expansion every layer of a model that uses blocks has an explicit name and inputs, and
 * {@code blocks} is gone: {@code render} shows the expanded layers.
 */
final class Blocks {
  static final String PARAM = "param";
  private static final int MAX_DEPTH = 16;
  private static final List<String> BLOCK_KEYS = List.of("params", "layers", "output");
  private static final List<String> USE_KEYS = List.of("name", "inputs", "repeat");
  private final Problems problems;
  private final Map<String, Block> blocks = new LinkedHashMap<>();

  private record Block(String name, Map<String, YNode> params, List<YNode> layers, String output, Origin origin) {}

  /** The names one list of layers sees: a prefix for its layers, what {@code input} means, local names. */
  private static final class Scope {
    final String prefix;
    final String input;
    final Map<String, String> names = new HashMap<>();
    final Set<String> taken = new HashSet<>();
    String last;

    Scope(String prefix, String input) {
      this.prefix = prefix;
      this.input = input;
    }

    String resolve(String name) {
      if (name.equals(ModelInput.NAME)) {
        return input;
      }
      return names.getOrDefault(name, prefix + name);
    }
  }

  Blocks(Problems problems) {
    this.problems = problems;
  }

  YNode expand(YNode root) {
    if (!(root instanceof YNode.Map job) || !(job.get("model") instanceof YNode.Map model) || model.get("blocks") == null) {
      return root;
    }
    readBlocks(model.get("blocks"));
    YNode.Map expanded = model.without("blocks");
    if (model.get("layers") instanceof YNode.Seq layers) {
      List<YNode> out = expandList(layers.items(), new Scope("", ModelInput.NAME), Map.of(), new ArrayList<>(), "model.layers");
      expanded = replace(expanded, "layers", new YNode.Seq(layers.origin(), out));
    }
    return replace(job, "model", expanded);
  }

  private void readBlocks(YNode node) {
    if (!(node instanceof YNode.Map map)) {
      problems.add(node.origin(), "model.blocks", "expected a map of blocks by name, got " + YNode.describe(node));
      return;
    }
    Set<String> kinds = KindFamily.of(LayerSpec.class).kinds().keySet();
    for (YNode.Entry e : map.entries()) {
      String path = "model.blocks." + e.name();
      if (kinds.contains(e.name())) {
        problems.add(e.key().origin(), path, "a block cannot be named like the layer kind '" + e.name() + "'");
        continue;
      }
      if (!(e.value() instanceof YNode.Map def)) {
        problems.add(e.value().origin(), path, "expected a map with layers (and params, output), got " + YNode.describe(e.value()));
        continue;
      }
      for (YNode.Entry k : def.entries()) {
        if (!BLOCK_KEYS.contains(k.name())) {
          problems.add(k.key().origin(), path + "." + k.name(), "unknown key " + YNode.quote(k.name()) + " (expected one of "
              + String.join(", ", BLOCK_KEYS) + Suggest.didYouMean(k.name(), BLOCK_KEYS) + ")");
        }
      }
      Map<String, YNode> params = new LinkedHashMap<>();
      YNode p = def.get("params");
      if (p instanceof YNode.Map pm) {
        for (YNode.Entry pe : pm.entries()) {
          if (USE_KEYS.contains(pe.name())) {
            problems.add(pe.key().origin(), path + ".params." + pe.name(), "'" + pe.name() + "' is a key of every block use; name the parameter otherwise");
          }
          params.put(pe.name(), pe.value());
        }
      } else if (p != null && !(p instanceof YNode.Scalar s && s.isNull())) {
        problems.add(p.origin(), path + ".params", "expected a map of parameter names and default values, got " + YNode.describe(p));
      }
      YNode layers = def.get("layers");
      if (!(layers instanceof YNode.Seq seq) || seq.items().isEmpty()) {
        problems.add(layers == null ? def.origin() : layers.origin(), path + (layers == null ? "" : ".layers"),
            layers == null ? "missing required key 'layers'" : "expected a non-empty list of layers, got " + YNode.describe(layers));
        continue;
      }
      String output = def.get("output") instanceof YNode.Scalar o && !o.isNull() ? o.text() : null;
      blocks.put(e.name(), new Block(e.name(), params, seq.items(), output, e.key().origin()));
    }
  }

  /** Expands one list of layers in {@code scope}: blocks into their layers, each layer named and linked. */
  private List<YNode> expandList(List<YNode> items, Scope scope, Map<String, YNode> params, List<String> stack, String path) {
    List<YNode> substituted = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      substituted.add(stack.isEmpty() ? items.get(i) : substitute(items.get(i), params, stack.get(stack.size() - 1), Paths.index(path, i)));
    }
    // explicit names first, so a default name never takes one written further down
    for (YNode item : substituted) {
      String name = text(args(item).get("name"));
      if (name != null) {
        scope.taken.add(name);
      }
    }
    List<String> locals = new ArrayList<>();
    for (YNode item : substituted) {
      String kind = Shapes.kindName(item);
      String name = text(args(item).get("name"));
      String local = blocks.containsKey(kind) ? null : name != null ? name : ModelSpec.unique(kind == null ? "layer" : kind, scope.taken);
      locals.add(local);
      if (local != null) {
        scope.names.put(local, scope.prefix + local);
      }
    }
    List<YNode> out = new ArrayList<>();
    String previous = scope.input;
    for (int i = 0; i < substituted.size(); i++) {
      YNode item = substituted.get(i);
      String kind = Shapes.kindName(item);
      if (kind == null) {
        out.add(item);
        continue;
      }
      Block block = blocks.get(kind);
      previous = block == null
          ? layer(item, kind, scope, locals.get(i), previous, out)
          : instances(item, block, scope, previous, stack, Paths.index(path, i), out);
    }
    scope.last = previous;
    return out;
  }

  /** Adds one layer with its full name and resolved inputs; returns its name. */
  private String layer(YNode item, String kind, Scope scope, String local, String previous, List<YNode> out) {
    String full = scope.prefix + local;
    YNode.Map args = args(item);
    if (item instanceof YNode.Map m && m.entries().get(0).value() instanceof YNode.Scalar v && !v.isNull()) {
      // {dropout: 0.2}: the value of the kind's one argument, which needs its key next to name and inputs
      Class<?> type = KindFamily.of(LayerSpec.class).kinds().get(kind);
      Field sole = type == null ? null : KindFamily.soleArgument(type);
      if (sole == null) {
        out.add(item);
        return full;
      }
      args = new YNode.Map(v.origin(), List.of(new YNode.Entry(YNode.Scalar.string(v.origin(), sole.key()), v)));
    }
    YNode written = args.get("inputs");
    List<YNode> inputs = new ArrayList<>();
    if (written == null) {
      inputs.add(YNode.Scalar.string(item.origin(), previous));
    } else {
      for (YNode n : written instanceof YNode.Seq s ? s.items() : List.of(written)) {
        inputs.add(n instanceof YNode.Scalar s && !s.isNull() ? YNode.Scalar.string(s.origin(), scope.resolve(s.text())) : n);
      }
    }
    Origin at = item.origin();
    List<YNode.Entry> entries = new ArrayList<>(args.without("name").without("inputs").entries());
    entries.add(new YNode.Entry(YNode.Scalar.string(at, "name"), YNode.Scalar.string(args.get("name") == null ? at : args.get("name").origin(), full)));
    entries.add(new YNode.Entry(YNode.Scalar.string(at, "inputs"), new YNode.Seq(written == null ? at : written.origin(), inputs)));
    YNode.Scalar key = item instanceof YNode.Map m ? m.entries().get(0).key() : (YNode.Scalar) item;
    out.add(new YNode.Map(at, List.of(new YNode.Entry(key, new YNode.Map(at, entries)))));
    return full;
  }

  /** Adds every repetition of a block use; returns the last instance's output. */
  private String instances(YNode item, Block block, Scope scope, String previous, List<String> stack, String path, List<YNode> out) {
    String usePath = Paths.key(path, block.name());
    if (stack.contains(block.name()) || stack.size() >= MAX_DEPTH) {
      List<String> chain = new ArrayList<>(stack);
      chain.add(block.name());
      problems.add(item.origin(), usePath, "block '" + block.name() + "' uses itself: " + String.join(" -> ", chain));
      return previous;
    }
    YNode.Map args = args(item);
    Map<String, YNode> values = new LinkedHashMap<>(block.params());
    for (YNode.Entry e : args.entries()) {
      if (USE_KEYS.contains(e.name())) {
        continue;
      }
      if (!block.params().containsKey(e.name())) {
        List<String> known = new ArrayList<>(block.params().keySet());
        known.addAll(USE_KEYS);
        problems.add(e.key().origin(), Paths.key(usePath, e.name()), "unknown parameter " + YNode.quote(e.name()) + " of block '"
            + block.name() + "' (expected one of " + String.join(", ", known) + Suggest.didYouMean(e.name(), known) + ")");
        continue;
      }
      values.put(e.name(), e.value());
    }
    values.forEach((k, v) -> {
      if (v instanceof YNode.Scalar s && s.isNull()) {
        problems.add(item.origin(), usePath, "missing parameter '" + k + "' of block '" + block.name() + "' (it has no default)");
      }
    });
    int repeat = repeat(args.get("repeat"), Paths.key(usePath, "repeat"));
    String source = previous;
    YNode inputs = args.get("inputs");
    if (inputs != null) {
      YNode one = inputs instanceof YNode.Seq s && s.items().size() == 1 ? s.items().get(0) : inputs;
      if (one instanceof YNode.Scalar s && !s.isNull()) {
        source = scope.resolve(s.text());
      } else {
        problems.add(inputs.origin(), Paths.key(usePath, "inputs"), "a block takes one input, a layer name (got " + YNode.describe(inputs) + ")");
      }
    }
    String base = text(args.get("name")) != null ? text(args.get("name")) : block.name();
    List<String> next = new ArrayList<>(stack);
    next.add(block.name());
    for (int r = 0; r < repeat; r++) {
      String instance = r == 0 && text(args.get("name")) != null ? base : ModelSpec.unique(base, scope.taken);
      Scope inner = new Scope(scope.prefix + instance + "/", source);
      out.addAll(expandList(block.layers(), inner, values, next, "model.blocks." + block.name() + ".layers"));
      source = block.output() != null ? inner.resolve(block.output()) : inner.last;
      scope.names.putIfAbsent(instance, source);
    }
    return source;
  }

  private int repeat(YNode node, String path) {
    if (node == null) {
      return 1;
    }
    if (node instanceof YNode.Scalar s && s.type() == YNode.Type.INT) {
      try {
        int n = Integer.parseInt(s.text());
        if (n >= 1 && n <= 1000) {
          return n;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
    }
    problems.add(node.origin(), path, "expected an integer from 1 to 1000, got " + YNode.describe(node));
    return 1;
  }

  /** {@code {param: name}} anywhere in {@code node} replaced by the parameter's value. */
  private YNode substitute(YNode node, Map<String, YNode> params, String block, String path) {
    if (node instanceof YNode.Map m && m.entries().size() == 1 && m.entries().get(0).name().equals(PARAM)) {
      YNode ref = m.entries().get(0).value();
      String name = text(ref);
      if (name != null && params.containsKey(name)) {
        return params.get(name);
      }
      problems.add(ref.origin(), path, "unknown parameter " + (name == null ? YNode.describe(ref) : YNode.quote(name)) + " of block '" + block
          + "' (expected one of " + String.join(", ", params.keySet()) + (name == null ? "" : Suggest.didYouMean(name, params.keySet())) + ")");
      return new YNode.Scalar(ref.origin(), "", YNode.Type.INVALID, true);
    }
    if (node instanceof YNode.Map m) {
      List<YNode.Entry> entries = new ArrayList<>();
      for (YNode.Entry e : m.entries()) {
        entries.add(new YNode.Entry(e.key(), substitute(e.value(), params, block, Paths.key(path, e.name()))));
      }
      return new YNode.Map(m.origin(), entries);
    }
    if (node instanceof YNode.Seq s) {
      List<YNode> items = new ArrayList<>();
      for (int i = 0; i < s.items().size(); i++) {
        items.add(substitute(s.items().get(i), params, block, Paths.index(path, i)));
      }
      return new YNode.Seq(s.origin(), items);
    }
    return node;
  }

  /** The argument map of a kind-valued node ({@code {dense: {...}}}); empty for {@code flatten} or {@code {dropout: 0.2}}. */
  private static YNode.Map args(YNode item) {
    if (item instanceof YNode.Map m && m.entries().size() == 1 && m.entries().get(0).value() instanceof YNode.Map a) {
      return a;
    }
    return new YNode.Map(item.origin(), List.of());
  }

  private static String text(YNode node) {
    return node instanceof YNode.Scalar s && !s.isNull() && s.type() != YNode.Type.INVALID ? s.text() : null;
  }

  private static YNode.Map replace(YNode.Map map, String key, YNode value) {
    List<YNode.Entry> entries = new ArrayList<>();
    boolean found = false;
    for (YNode.Entry e : map.entries()) {
      if (e.name().equals(key)) {
        entries.add(new YNode.Entry(e.key(), value));
        found = true;
      } else {
        entries.add(e);
      }
    }
    if (!found) {
      entries.add(new YNode.Entry(YNode.Scalar.string(map.origin(), key), value));
    }
    return new YNode.Map(map.origin(), entries);
  }
}
