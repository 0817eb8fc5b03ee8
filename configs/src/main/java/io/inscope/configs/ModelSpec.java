package io.inscope.configs;

import io.inscope.configs.layers.LayerSpec;
import java.util.List;

/**
 * The model: an input spec and a stack of layers. Weight shapes are inferred from the input.
 *
 * <pre>
 * model:
 *   input: {shape: [28, 28]}
 *   layers: [flatten, {dense: {units: 128, activation: relu}}, {dense: {units: 10}}]
 * </pre>
 */
public record ModelSpec(
    @Doc("the shape and type of one example (no batch dimension)") InputSpec input,
    @Doc("layers, applied in order; each a kind") List<LayerSpec> layers) {

  public ModelSpec {
    if (layers.isEmpty()) {
      throw new SpecException("layers", "must list at least one layer");
    }
    layers = List.copyOf(layers);
  }
}
