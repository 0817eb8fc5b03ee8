package io.inscope.modules.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import io.inscope.configs.metrics.AccuracySpec;
import io.inscope.configs.metrics.MetricSpec;
import io.inscope.configs.metrics.TopKAccuracySpec;
import io.inscope.modules.losses.GraphRuns;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The bound metric kinds on random batches (fixed seeds) against counts in plain Java: accuracy is
 * arg-max equal to the class id (ids fed as {@code [batch]} or as a {@code [batch, 1]} column, or as
 * one-hot rows), or for one output unit {@code (output > 0 for logits, > 0.5 for probabilities) ==
 * (label > 0.5)}; top-k counts an example when fewer than {@code k} classes score strictly higher
 * than its true class ({@code in_top_k}; random scores have no ties). Sums are integers, so they
 * must match exactly.
 */
class MetricsModuleTest {
  private static final int BATCH = 64;
  private static final int CLASSES = 5;
  private static final Map<String, MetricFactory> KINDS =
      Guice.createInjector(new MetricsModule())
          .getInstance(Key.get(new TypeLiteral<Map<String, MetricFactory>>() {}));
  private static final LossSpec SPARSE = new SparseCategoricalCrossentropySpec(true);

  @Test
  void accuracyOfClassIds() {
    Random r = new Random(1);
    float[] ids = ids(r);
    float[] out = scores(r, ids);
    assertEquals(argMaxHits(out, ids), sum(new AccuracySpec(), SPARSE, ids, Shape.of(BATCH), out));
  }

  @Test
  void accuracyOfClassIdsInAColumn() {
    Random r = new Random(2);
    float[] ids = ids(r);
    float[] out = scores(r, ids);
    assertEquals(argMaxHits(out, ids), sum(new AccuracySpec(), SPARSE, ids, Shape.of(BATCH, 1), out));
  }

  @Test
  void accuracyOfOneHotRows() {
    Random r = new Random(3);
    float[] ids = ids(r);
    float[] out = scores(r, ids);
    LossSpec loss = new CategoricalCrossentropySpec(false, 0.0);
    assertEquals(argMaxHits(out, ids), sum(new AccuracySpec(), loss, oneHot(ids), Shape.of(BATCH, CLASSES), out));
  }

  @Test
  void accuracyOfOneUnitLogits() {
    Random r = new Random(4);
    float[] logits = gaussians(r, BATCH);
    float[] labels = bits(r);
    LossSpec loss = new BinaryCrossentropySpec(true, 0.0);
    assertEquals(thresholdHits(logits, 0, labels), sum(new AccuracySpec(), loss, labels, Shape.of(BATCH), logits, 1));
  }

  @Test
  void accuracyOfOneUnitProbabilities() {
    Random r = new Random(5);
    float[] p = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      p[i] = r.nextFloat();
    }
    float[] labels = bits(r);
    LossSpec loss = new BinaryCrossentropySpec(false, 0.0);
    assertEquals(thresholdHits(p, 0.5, labels), sum(new AccuracySpec(), loss, labels, Shape.of(BATCH, 1), p, 1));
  }

  @Test
  void topKOfIdsColumnsAndOneHotRows() {
    Random r = new Random(6);
    for (int k : new int[] {1, 2, 3, CLASSES}) {
      float[] ids = ids(r);
      float[] out = scores(r, ids);
      double expected = topKHits(out, ids, k);
      TopKAccuracySpec spec = new TopKAccuracySpec(k);
      assertEquals(expected, sum(spec, SPARSE, ids, Shape.of(BATCH), out), "k=" + k + " ids");
      assertEquals(expected, sum(spec, SPARSE, ids, Shape.of(BATCH, 1), out), "k=" + k + " column");
      assertEquals(expected, sum(spec, SPARSE, oneHot(ids), Shape.of(BATCH, CLASSES), out), "k=" + k + " one-hot");
    }
  }

  @Test
  void names() {
    assertEquals("accuracy", KINDS.get("accuracy").create(new AccuracySpec(), SPARSE).name());
    assertEquals("top_3_accuracy", KINDS.get("top_k_accuracy").create(new TopKAccuracySpec(3), SPARSE).name());
  }

  /**
   * mean_absolute_error and mean_squared_error against Keras' per-example mean over the outputs
   * (3 per example here), summed over the batch in doubles: within 1e-4 relative.
   */
  @Test
  void meanErrorsOfRegressionTargets() {
    Random r = new Random(9);
    float[] y = new float[BATCH * 3];
    float[] out = new float[BATCH * 3];
    double abs = 0;
    double sq = 0;
    for (int i = 0; i < y.length; i++) {
      y[i] = (float) r.nextGaussian();
      out[i] = (float) r.nextGaussian();
      abs += Math.abs((double) y[i] - out[i]) / 3;
      sq += ((double) y[i] - out[i]) * ((double) y[i] - out[i]) / 3;
    }
    LossSpec mse = new io.inscope.configs.losses.MeanSquaredErrorSpec();
    assertEquals(abs, sum(new io.inscope.configs.metrics.MeanAbsoluteErrorMetricSpec(), mse, y, Shape.of(BATCH, 3), out, 3), 1e-4 * abs);
    assertEquals(sq, sum(new io.inscope.configs.metrics.MeanSquaredErrorMetricSpec(), mse, y, Shape.of(BATCH, 3), out, 3), 1e-4 * sq);
  }

  private static double sum(MetricSpec spec, LossSpec loss, float[] labels, Shape labelShape, float[] out) {
    return sum(spec, loss, labels, labelShape, out, CLASSES);
  }

  private static double sum(MetricSpec spec, LossSpec loss, float[] labels, Shape labelShape, float[] out, int units) {
    String kind = spec.getClass().getAnnotation(io.inscope.configs.Kind.class).value();
    Metric metric = KINDS.get(kind).create(spec, loss);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> y = tf.placeholder(TFloat32.class, Placeholder.shape(labelShape));
      Placeholder<TFloat32> o = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(BATCH, units)));
      Operand<TFloat32> batchSum = metric.batchSum(tf, y, o);
      try (Session s = new Session(g)) {
        return GraphRuns.run(s, Map.of(y, labels, o, out), List.of(batchSum)).get(0)[0];
      }
    }
  }

  private static double argMaxHits(float[] out, float[] ids) {
    return topKHits(out, ids, 1);
  }

  private static double topKHits(float[] out, float[] ids, int k) {
    int hits = 0;
    for (int i = 0; i < ids.length; i++) {
      float truth = out[i * CLASSES + (int) ids[i]];
      int higher = 0;
      for (int j = 0; j < CLASSES; j++) {
        higher += out[i * CLASSES + j] > truth ? 1 : 0;
      }
      hits += higher < k ? 1 : 0;
    }
    return hits;
  }

  private static double thresholdHits(float[] out, double threshold, float[] labels) {
    int hits = 0;
    for (int i = 0; i < out.length; i++) {
      hits += (out[i] > threshold) == (labels[i] > 0.5) ? 1 : 0;
    }
    return hits;
  }

  /** Scores that favour the true class, so that hits differ clearly from chance (about 1 in 5). */
  private static float[] scores(Random r, float[] ids) {
    float[] out = gaussians(r, BATCH * CLASSES);
    for (int i = 0; i < BATCH; i++) {
      out[i * CLASSES + (int) ids[i]] += 1.5f;
    }
    return out;
  }

  private static float[] gaussians(Random r, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) r.nextGaussian();
    }
    return out;
  }

  private static float[] ids(Random r) {
    float[] ids = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      ids[i] = r.nextInt(CLASSES);
    }
    return ids;
  }

  private static float[] bits(Random r) {
    float[] bits = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      bits[i] = r.nextBoolean() ? 1 : 0;
    }
    return bits;
  }

  private static float[] oneHot(float[] ids) {
    float[] rows = new float[ids.length * CLASSES];
    for (int i = 0; i < ids.length; i++) {
      rows[i * CLASSES + (int) ids[i]] = 1;
    }
    return rows;
  }
}
