package io.inscope.configs;

import io.inscope.configs.layers.LayerNodeSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.ModelInput;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Collections;

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
 * <p>A model with several inputs names each one; layers read them by name, and each is fed from
 * the data feature of the same name ({@link #featureRow()} says how the data carries them):
 *
 * <pre>
 * model:
 *   inputs: {image: {shape: [28, 28, 1]}, meta: {shape: [3]}}
 *   layers:
 *     - {conv2d: {filters: 8, kernel_size: 3}, inputs: image}
 *     - flatten
 *     - {dense: {units: 8}, name: meta_dense, inputs: meta}
 *     - {concatenate: {}, inputs: [flatten, meta_dense]}
 *     - {dense: {units: 10}}
 * </pre>
 *
 * <p>Built, a model spec has every layer's name and inputs filled in: default names are the kind,
 * then {@code kind_1}, {@code kind_2}, ... (skipping names written in the file); a layer without
 * {@code inputs} reads the layer before it, the first layer the (first) model input.
 */
@Exclusive({"input", "inputs"})
public record ModelSpec(
    @Doc("the shape and type of one example (no batch dimension); layers name it 'input'; set input or inputs") @OptionalKey InputSpec input,
    @Doc("several named inputs, each {shape, dtype} and fed from the data feature of the same name; layers name them in their inputs")
        @OptionalKey
        Map<String, InputSpec> inputs,
    @Doc("the layers; each a kind, reading the previous layer's output unless it names its inputs") List<LayerNodeSpec> layers,
    @Doc("the layer whose output is the model's output; default: the last layer") @OptionalKey String output) {

  public ModelSpec {
    if ((input == null) == (inputs == null)) {
      throw new SpecException("", "set exactly one of input and inputs (got " + (input == null ? "neither" : "both") + ")");
    }
    if (inputs != null) {
      if (inputs.isEmpty()) {
        throw new SpecException("inputs", "must name at least one input");
      }
      for (String name : inputs.keySet()) {
        if (!name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
          throw new SpecException("inputs", "input name '" + name + "' must be letters, digits and '_', not starting with a digit "
              + "(it names a tensor and a signature input)");
        }
      }
      // keeps the file's order: the order of the inputs in a feature row and in the signature
      inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
      long total = inputs.values().stream().mapToLong(InputSpec::elements).sum();
      if (total > ShapeLimits.MAX_ELEMENTS) {
        throw new SpecException("inputs", "too large: the inputs hold " + total + " values per example together, more than "
            + ShapeLimits.MAX_ELEMENTS);
      }
    }
    if (layers.isEmpty()) {
      throw new SpecException("layers", "must list at least one layer");
    }
    layers = withDefaults(layers, inputs == null ? ModelInput.NAME : inputs.keySet().iterator().next());
    if (output == null) {
      output = layers.get(layers.size() - 1).name();
    }
  }

  /** A one-input model. */
  public ModelSpec(InputSpec input, List<LayerNodeSpec> layers, String output) {
    this(input, null, layers, output);
  }

  /** A chain of layers with default names, each reading the one before. */
  public ModelSpec(InputSpec input, List<? extends LayerSpec> kinds) {
    this(input, kinds.stream().map(LayerNodeSpec::of).toList(), null);
  }

  /**
   * The model's inputs by the name layers read them by, in declared order: {@code input} alone for
   * a model with {@code input}, else {@code inputs}.
   */
  public Map<String, InputSpec> namedInputs() {
    return inputs != null ? inputs : Map.of(ModelInput.NAME, input);
  }

  /** True when {@code name} names a model input. */
  public boolean isInput(String name) {
    return inputs != null ? inputs.containsKey(name) : name.equals(ModelInput.NAME);
  }

  /**
   * One example's features as the data pipeline carries them: the one input as it is, or for
   * several inputs a float32 row of all their values, each input's flattened values after the
   * previous input's, in declared order. The model splits the row back into its inputs.
   */
  public InputSpec featureRow() {
    return featureRow(namedInputs());
  }

  /** The feature row of named inputs, as {@link #featureRow()}. */
  public static InputSpec featureRow(Map<String, InputSpec> named) {
    if (named.size() == 1) {
      return named.values().iterator().next();
    }
    long total = named.values().stream().mapToLong(InputSpec::elements).sum();
    return new InputSpec(List.of((int) total), DType.FLOAT32);
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
  private void visit(String name, Map<String, LayerNodeSpec> byName, Map<String, Boolean> done, List<LayerNodeSpec> order) {
    if (byName.get(name) == null && isInput(name) || Boolean.TRUE.equals(done.get(name))) {
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

  private static List<LayerNodeSpec> withDefaults(List<LayerNodeSpec> layers, String firstInput) {
    Set<String> taken = new HashSet<>();
    layers.stream().map(LayerNodeSpec::name).filter(n -> n != null).forEach(taken::add);
    List<LayerNodeSpec> out = new ArrayList<>();
    String previous = firstInput;
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
