package io.inscope.modules.losses;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * binary_crossentropy on probabilities when the outputs leave [0, 1] (a linear last layer):
 * Keras clips them and computes the loss, where tensorflow-framework's version failed an
 * assertion. Reference values from Keras 3 itself: {@code tools/keras_loss_refs.py}.
 */
class BinaryCrossentropyTest {
  /** float32 logs of values near 1e-7, against Keras' float32: relative. */
  private static final double TOLERANCE = 1e-5;

  @Test
  void outputsOutsideTheUnitIntervalAreClippedAsKerasDoes() throws IOException {
    JsonNode refs;
    try (InputStream in = getClass().getResourceAsStream("/keras/binary_crossentropy.json")) {
      refs = new ObjectMapper().readTree(in);
    }
    for (JsonNode c : refs.get("cases")) {
      String name = c.get("name").asText();
      int batch = c.get("shape").get(0).asInt();
      int units = c.get("shape").get(1).asInt();
      float[] labels = floats(c.get("labels"));
      float[] outputs = floats(c.get("outputs"));
      BinaryCrossentropySpec spec = new BinaryCrossentropySpec(false, c.get("label_smoothing").asDouble());
      try (Graph g = new Graph()) {
        Ops tf = Ops.create(g);
        Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, units)));
        Placeholder<TFloat32> o = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, units)));
        Operand<TFloat32> loss = new BinaryCrossentropy(spec).call(tf, y, o, null);
        Output<?> grad = g.addGradients(loss.asOutput(), new Output<?>[] {o.asOutput()})[0];
        try (Session s = new Session(g)) {
          List<float[]> got = GraphRuns.run(s, Map.of(y, labels, o, outputs), List.of(loss, grad));
          assertEquals(c.get("loss").asDouble(), got.get(0)[0], TOLERANCE * c.get("loss").asDouble(), name + " loss");
          float[] expected = floats(c.get("gradient"));
          for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], got.get(1)[i], TOLERANCE * Math.max(1, Math.abs(expected[i])), name + " gradient " + i);
          }
        }
      }
    }
  }

  private static float[] floats(JsonNode array) {
    List<Float> values = new ArrayList<>();
    array.forEach(v -> values.add((float) v.asDouble()));
    float[] out = new float[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
