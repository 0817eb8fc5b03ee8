package io.inscope.modules.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.MeanSquaredErrorSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import io.inscope.configs.metrics.AucSpec;
import io.inscope.configs.metrics.F1Spec;
import io.inscope.configs.metrics.MetricSpec;
import io.inscope.configs.metrics.PrecisionSpec;
import io.inscope.configs.metrics.RecallSpec;
import io.inscope.configs.metrics.RootMeanSquaredErrorMetricSpec;
import io.inscope.modules.losses.GraphRuns;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * precision, recall, f1, auc and root_mean_squared_error against Keras' stateful metrics on the
 * same labels and outputs, fed in the same 3 batches (values from {@code
 * tools/keras_metric_refs.py}, TF 2.21 / Keras 3.15, in {@code keras/metrics.json}). The graph sums
 * each batch's statistics and the test adds them up in doubles, as the run loop does, then asks
 * {@link Metric#value}. Tolerance 1e-6 absolute: counts are exact integers, and Keras divides in
 * float32 (relative error about 6e-8) where {@link Metric#value} divides in doubles.
 */
class KerasMetricsTest {
  private static final double TOLERANCE = 1e-6;
  private static final int BATCHES = 3;
  private static final Map<String, MetricFactory> KINDS =
      Guice.createInjector(new MetricsModule()).getInstance(Key.get(new TypeLiteral<Map<String, MetricFactory>>() {}));

  @Test
  void everyCaseMatchesKeras() throws IOException {
    JsonNode doc;
    try (InputStream in = KerasMetricsTest.class.getResourceAsStream("/keras/metrics.json")) {
      doc = new ObjectMapper().readTree(in);
    }
    int compared = 0;
    for (JsonNode c : doc.get("cases")) {
      LossSpec loss = loss(c);
      double threshold = c.get("threshold").asDouble();
      var values = c.get("values").fields();
      while (values.hasNext()) {
        var e = values.next();
        MetricSpec spec = switch (e.getKey()) {
          case "precision" -> new PrecisionSpec(threshold);
          case "recall" -> new RecallSpec(threshold);
          case "f1" -> new F1Spec(threshold);
          case "auc" -> new AucSpec(200);
          case "root_mean_squared_error" -> new RootMeanSquaredErrorMetricSpec();
          default -> throw new AssertionError("unknown metric " + e.getKey());
        };
        double ours = value(spec, loss, c);
        assertEquals(e.getValue().asDouble(), ours, TOLERANCE, c.get("name").asText() + ": " + e.getKey());
        compared++;
      }
    }
    assertEquals(21, compared, "every reference value compared");
  }

  /** Keras' AUC of a perfect ranking is 1 and of an inverted one 0, with 2 thresholds as well. */
  @Test
  void aucOfPerfectAndInvertedRankings() {
    Auc auc = new Auc(new BinaryCrossentropySpec(false, 0.0), 200);
    double[] perfect = new double[400];
    perfect[150] = 5;  // positives at 0.75
    perfect[200 + 50] = 7;  // negatives at 0.25
    assertEquals(1.0, auc.value(perfect, 12), 1e-12);
    double[] inverted = new double[400];
    inverted[50] = 5;
    inverted[200 + 150] = 7;
    assertEquals(0.0, auc.value(inverted, 12), 1e-12);
  }

  private static LossSpec loss(JsonNode c) {
    boolean logits = c.get("from_logits").asBoolean();
    return switch (c.get("loss").asText()) {
      case "binary_crossentropy" -> new BinaryCrossentropySpec(logits, 0.0);
      case "sparse_categorical_crossentropy" -> new SparseCategoricalCrossentropySpec(logits);
      default -> new MeanSquaredErrorSpec();
    };
  }

  /** The metric over the case's examples, fed as 3 batches whose statistics are added in doubles. */
  private static double value(MetricSpec spec, LossSpec loss, JsonNode c) {
    String kind = spec.getClass().getAnnotation(io.inscope.configs.Kind.class).value();
    Metric metric = KINDS.get(kind).create(spec, loss);
    float[] labels = floats(c.get("labels"));
    float[] outputs = floats(c.get("outputs"));
    int units = c.get("units").asInt();
    int examples = outputs.length / units;
    int batch = examples / BATCHES;
    boolean ids = loss instanceof SparseCategoricalCrossentropySpec;
    int labelWidth = labels.length / examples;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class,
          Placeholder.shape(ids ? Shape.of(batch) : Shape.of(batch, labelWidth)));
      Placeholder<TFloat32> o = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(batch, units)));
      Operand<TFloat32> sum = metric.batchSum(tf, y, o);
      double[] totals = null;
      try (Session s = new Session(g)) {
        for (int b = 0; b < BATCHES; b++) {
          float[] yb = java.util.Arrays.copyOfRange(labels, b * batch * labelWidth, (b + 1) * batch * labelWidth);
          float[] ob = java.util.Arrays.copyOfRange(outputs, b * batch * units, (b + 1) * batch * units);
          float[] stats = GraphRuns.run(s, Map.of(y, yb, o, ob), List.of(sum)).get(0);
          if (totals == null) {
            totals = new double[stats.length];
          }
          for (int i = 0; i < stats.length; i++) {
            totals[i] += stats[i];
          }
        }
      }
      assertTrue(totals.length >= 1);
      return metric.value(totals, examples);
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
