package io.inscope.modules.layers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inscope.configs.JobLoader;
import io.inscope.configs.layers.LayerSpec;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.ndarray.Shape;

/**
 * The Keras reference cases of {@code src/test/resources/keras/<kind>.json}, written by {@code
 * tools/keras_layer_refs.py}: a layer entry in YAML, an input, Keras' weights and Keras' output.
 */
record KerasCases(String kind, List<KerasCases.Case> cases) {

  /** One layer applied by Keras; weights by our name within the layer ({@code kernel}, {@code query.kernel}). */
  record Case(
      String kind,
      String name,
      String layerYaml,
      long[] inputShape,
      float[] input,
      boolean ids,
      boolean inputGradient,
      Map<String, float[]> weights,
      Map<String, long[]> weightShapes,
      long[] outputShape,
      float[] output) {

    Shape example() {
      return Shape.of(Arrays.copyOfRange(inputShape, 1, inputShape.length));
    }

    long batch() {
      return inputShape[0];
    }

    /** The layer's spec, read by the job loader from {@link #layerYaml} as a job file would be. */
    LayerSpec spec() {
      try {
        return parse(layerYaml, example());
      } catch (Exception e) {
        throw new IllegalStateException("case " + kind + " / " + name + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String toString() {
      return kind + " (" + name + ")";
    }
  }

  /** A layer entry's YAML ({@code lstm: {units: 3}}) read by the job loader, for examples {@code example}. */
  static LayerSpec parse(String layerYaml, Shape example) throws Exception {
    String yaml = "version: 1\nname: keras-parity\n"
        + "model: {input: {shape: " + Arrays.toString(example.asArray()) + "}, layers: [{placeholder}]}\n"
        + "loss: mean_squared_error\noptimizer: sgd\n"
        + "data: {train: {synthetic: {examples: 8, classes: 2}, batch_size: 4}}\ntrain: {steps: 1}\n";
    yaml = yaml.replace("{placeholder}", layerYaml.contains(":") ? "{" + layerYaml + "}" : layerYaml);
    return new JobLoader(Map.of()).loadResolved(yaml, Path.of("keras-parity.yaml")).spec().model().layers().get(0).layer();
  }

  static KerasCases load(String kind) {
    String resource = "/keras/" + kind + ".json";
    try (InputStream in = KerasCases.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing; run tools/keras_layer_refs.py " + kind);
      }
      JsonNode doc = new ObjectMapper().readTree(in);
      List<Case> cases = new ArrayList<>();
      for (JsonNode c : doc.get("cases")) {
        Map<String, float[]> weights = new LinkedHashMap<>();
        Map<String, long[]> shapes = new LinkedHashMap<>();
        c.get("weights").fields().forEachRemaining(e -> {
          weights.put(e.getKey(), floats(e.getValue().get("values")));
          shapes.put(e.getKey(), longs(e.getValue().get("shape")));
        });
        cases.add(new Case(kind, c.get("name").asText(), c.get("layer").asText(), longs(c.get("input_shape")),
            floats(c.get("input")), c.get("ids").asBoolean(),
            c.has("input_gradient") ? c.get("input_gradient").asBoolean() : !c.get("ids").asBoolean(), weights, shapes, longs(c.get("output_shape")),
            floats(c.get("output"))));
      }
      return new KerasCases(kind, List.copyOf(cases));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static float[] floats(JsonNode array) {
    float[] a = new float[array.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = (float) array.get(i).asDouble();
    }
    return a;
  }

  private static long[] longs(JsonNode array) {
    long[] a = new long[array.size()];
    for (int i = 0; i < a.length; i++) {
      a[i] = array.get(i).asLong();
    }
    return a;
  }
}
