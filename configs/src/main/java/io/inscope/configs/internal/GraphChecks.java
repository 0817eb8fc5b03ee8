package io.inscope.configs.internal;

import io.inscope.configs.InputCount;
import io.inscope.configs.ModelSpec;
import io.inscope.configs.layers.LayerNodeSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the loader can check of the model graph without shapes: unique layer names, none named
 * like a model input, inputs that name a layer or a model input ({@code input}, or the names of
 * {@code model.inputs}), as many inputs as each kind takes, an output that names a layer, no
 * cycle, no layer whose output never reaches the model output, and no model input that no layer
 * reads. Shape mismatches
 * (a merge of [8] and [9]) need the shapes and are reported by {@code plan}.
 */
final class GraphChecks {
  private final ModelSpec model;
  private final Map<String, Origin> locations;
  private final Problems problems;
  private final Map<String, Integer> index = new HashMap<>();

  private GraphChecks(ModelSpec model, Map<String, Origin> locations, Problems problems) {
    this.model = model;
    this.locations = locations;
    this.problems = problems;
  }

  static void check(ModelSpec model, Map<String, Origin> locations, Problems problems) {
    new GraphChecks(model, locations, problems).run();
  }

  private void run() {
    List<LayerNodeSpec> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      Integer first = index.putIfAbsent(layers.get(i).name(), i);
      if (first != null) {
        report(i, "name", "duplicate layer name '" + layers.get(i).name() + "' (also model.layers[" + first + "])");
      } else if (model.inputs() != null && model.isInput(layers.get(i).name())) {
        report(i, "name", "'" + layers.get(i).name() + "' names a model input (model.inputs." + layers.get(i).name()
            + "); choose another layer name");
      }
    }
    boolean linked = true;
    for (int i = 0; i < layers.size(); i++) {
      linked &= inputs(i, layers.get(i));
    }
    if (!index.containsKey(model.output())) {
      String path = "model.output";
      problems.add(at(path, "model"), path, "unknown layer '" + model.output() + "' (expected the name of a layer"
          + Suggest.didYouMean(model.output(), index.keySet()) + ")");
      return;
    }
    if (linked && !cycles()) {
      unused();
    }
    if (model.inputs() != null) {
      unreadInputs();
    }
  }

  /** Reports unknown inputs and wrong input counts; true when every input names a layer. */
  private boolean inputs(int i, LayerNodeSpec layer) {
    boolean ok = true;
    List<String> inputs = layer.inputs();
    for (int k = 0; k < inputs.size(); k++) {
      String in = inputs.get(k);
      if (model.isInput(in) || index.containsKey(in)) {
        continue;
      }
      ok = false;
      Set<String> candidates = new LinkedHashSet<>(index.keySet());
      candidates.addAll(model.namedInputs().keySet());
      String suffix = inputs.size() == 1 ? "inputs" : "inputs[" + k + "]";
      report(i, suffix, "unknown input '" + in + "' (expected a layer name or " + inputNames()
          + Suggest.didYouMean(in, candidates) + ")");
    }
    InputCount count = layer.layer().getClass().getAnnotation(InputCount.class);
    int min = count == null ? 1 : count.min();
    int max = count == null ? 1 : count.max();
    if (inputs.size() < min || inputs.size() > max) {
      String takes = min == max ? (min == 1 ? "one input" : min + " inputs") : min + " or more inputs";
      String hint = max == 1 ? "; join several with a merge layer (add, concatenate, ...)" : "";
      report(i, "inputs", layer.kind() + " takes " + takes + " (got " + inputs.size() + ")" + hint);
    }
    return ok;
  }

  /** Reports each cycle once, at its first layer in file order; true when there is one. */
  private boolean cycles() {
    Map<String, Integer> state = new HashMap<>(); // 1: on the path, 2: done
    boolean found = false;
    for (LayerNodeSpec l : model.layers()) {
      List<String> path = new ArrayList<>();
      found |= visit(l.name(), state, path);
    }
    return found;
  }

  private boolean visit(String name, Map<String, Integer> state, List<String> path) {
    if (!index.containsKey(name) || Integer.valueOf(2).equals(state.get(name))) {
      return false;
    }
    if (Integer.valueOf(1).equals(state.get(name))) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(name), path.size()));
      cycle.add(name);
      int first = cycle.stream().mapToInt(index::get).min().orElseThrow();
      String start = model.layers().get(first).name();
      int at = cycle.indexOf(start);
      List<String> ordered = new ArrayList<>(cycle.subList(at, cycle.size() - 1));
      ordered.addAll(cycle.subList(0, at));
      ordered.add(start);
      java.util.Collections.reverse(ordered);
      report(first, "inputs", "the layers form a cycle: " + String.join(" -> ", ordered)
          + " (each reads the one before; a layer's inputs must come before it in the graph)");
      return true;
    }
    state.put(name, 1);
    path.add(name);
    boolean found = false;
    for (String in : model.layers().get(index.get(name)).inputs()) {
      found |= visit(in, state, path);
    }
    path.remove(path.size() - 1);
    state.put(name, 2);
    return found;
  }

  private void unused() {
    Set<String> used = new HashSet<>();
    List<String> pending = new ArrayList<>(List.of(model.output()));
    while (!pending.isEmpty()) {
      String name = pending.remove(pending.size() - 1);
      if (index.containsKey(name) && used.add(name)) {
        pending.addAll(model.layers().get(index.get(name)).inputs());
      }
    }
    List<LayerNodeSpec> layers = model.layers();
    for (int i = 0; i < layers.size(); i++) {
      String name = layers.get(i).name();
      if (!used.contains(name) && index.get(name) == i) {
        report(i, null, "layer '" + name + "' is not used: its output does not lead to the model output '"
            + model.output() + "' (name it in a later layer's inputs, or remove it)");
      }
    }
  }

  /** Reports each of {@code model.inputs} that no layer names in its inputs (a default input counts). */
  private void unreadInputs() {
    Set<String> read = new HashSet<>();
    model.layers().forEach(l -> read.addAll(l.inputs()));
    for (String name : model.namedInputs().keySet()) {
      if (!read.contains(name)) {
        String path = "model.inputs." + name;
        problems.add(at(path, "model"), path, "input '" + name + "' is not used: no layer reads it (name it in a layer's inputs, or remove it)");
      }
    }
  }

  private String inputNames() {
    List<String> names = model.namedInputs().keySet().stream().map(n -> "'" + n + "'").toList();
    return names.size() == 1 ? names.get(0) : "a model input (" + String.join(", ", names) + ")";
  }

  private void report(int layer, String key, String message) {
    String base = "model.layers[" + layer + "]." + model.layers().get(layer).kind();
    String path = key == null ? base : base + "." + key;
    problems.add(at(path, base), path, message);
  }

  private Origin at(String path, String fallback) {
    Origin o = locations.get(path);
    if (o == null) {
      o = locations.get(fallback);
    }
    if (o == null) {
      o = locations.get(fallback.replaceFirst("\\.[a-z0-9_]+$", ""));
    }
    return o != null ? o : locations.get("");
  }
}
