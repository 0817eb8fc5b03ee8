package io.inscope.configs;

import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.ModelInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The model: an input spec and a graph of layers. Each layer reads the previous layer's output
 * unless it names its {@code inputs}; the model's output is the last layer's unless {@code output}
 * names another. Weight shapes are inferred from the input.
 *
 * <pre>
 * model:
 *   input: {shape: [28, 28]}
 *   layers: [flatten, {dense: {units: 128, activation: relu}}, {dense: {units: 10}}]
 * </pre>
 *
 * <p>Built, a model spec has every layer's name and inputs filled in: default names are the kind,
 * then {@code kind_1}, {@code kind_2}, ... (skipping names written in the file).
 */
public record ModelSpec(
    @Doc("the shape and type of one example (no batch dimension); layers name it 'input'") InputSpec input,
    @Doc("the layers; each a kind, reading the previous layer's output unless it names its inputs") List<LayerNodeSpec> layers,
    @Doc("the layer whose output is the model's output; default: the last layer") @OptionalKey String output) {

  public ModelSpec {
    if (layers.isEmpty()) {
      throw new SpecException("layers", "must list at least one layer");
    }
    layers = withDefaults(layers);
    if (output == null) {
      output = layers.get(layers.size() - 1).name();
    }
  }

  /** A chain of layers with default names, each reading the one before. */
  public ModelSpec(InputSpec input, List<? extends LayerSpec> kinds) {
    this(input, kinds.stream().map(LayerNodeSpec::of).toList(), null);
  }

  /** The layer named {@code name}, or null. */
  public LayerNodeSpec layer(String name) {
    for (LayerNodeSpec l : layers) {
      if (l.name().equals(name)) {
        return l;
      }
    }
    return null;
  }

  /**
   * The layers that lead to the output, each after all of its inputs (ties in file order).
   *
   * @throws IllegalArgumentException when an input names no layer or the layers form a cycle
   *     (the loader reports both as errors in the file first)
   */
  public List<LayerNodeSpec> topologicalOrder() {
    Map<String, LayerNodeSpec> byName = new HashMap<>();
    layers.forEach(l -> byName.putIfAbsent(l.name(), l));
    List<LayerNodeSpec> order = new ArrayList<>();
    visit(output, byName, new HashMap<>(), order);
    return List.copyOf(order);
  }

  /** Depth-first from the output; {@code done} is false while a layer is on the current path. */
  private static void visit(String name, Map<String, LayerNodeSpec> byName, Map<String, Boolean> done, List<LayerNodeSpec> order) {
    if (name.equals(ModelInput.NAME) || Boolean.TRUE.equals(done.get(name))) {
      return;
    }
    if (done.containsKey(name)) {
      throw new IllegalArgumentException("the layers form a cycle through '" + name + "'");
    }
    LayerNodeSpec l = byName.get(name);
    if (l == null) {
      throw new IllegalArgumentException("no layer named '" + name + "'");
    }
    done.put(name, false);
    for (String in : l.inputs()) {
      visit(in, byName, done, order);
    }
    done.put(name, true);
    order.add(l);
  }

  private static List<LayerNodeSpec> withDefaults(List<LayerNodeSpec> layers) {
    Set<String> taken = new HashSet<>();
    layers.stream().map(LayerNodeSpec::name).filter(n -> n != null).forEach(taken::add);
    List<LayerNodeSpec> out = new ArrayList<>();
    String previous = ModelInput.NAME;
    for (LayerNodeSpec l : layers) {
      String name = l.name() != null ? l.name() : unique(l.kind(), taken);
      List<String> inputs = l.inputs() != null ? l.inputs() : List.of(previous);
      out.add(name.equals(l.name()) && inputs.equals(l.inputs()) ? l : l.with(name, inputs));
      previous = name;
    }
    return List.copyOf(out);
  }

  /** {@code base}, or the first of {@code base_1}, {@code base_2}, ... not taken; marks it taken. */
  public static String unique(String base, Set<String> taken) {
    String name = base;
    for (int i = 1; taken.contains(name); i++) {
      name = base + "_" + i;
    }
    taken.add(name);
    return name;
  }
}
