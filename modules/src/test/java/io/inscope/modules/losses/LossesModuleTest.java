package io.inscope.modules.losses;

import static io.inscope.modules.losses.GraphRuns.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.inject.Guice;
import com.google.inject.Key;
import com.google.inject.TypeLiteral;
import io.inscope.configs.Kind;
import io.inscope.configs.losses.BinaryCrossentropySpec;
import io.inscope.configs.losses.CategoricalCrossentropySpec;
import io.inscope.configs.losses.ClassWeights;
import io.inscope.configs.losses.HuberSpec;
import io.inscope.configs.losses.LossSpec;
import io.inscope.configs.losses.MeanAbsoluteErrorSpec;
import io.inscope.configs.losses.MeanSquaredErrorSpec;
import io.inscope.configs.losses.SparseCategoricalCrossentropySpec;
import io.inscope.modules.data.Examples;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Every bound loss kind, fed as the training step feeds it (labels as the data gives them, through
 * {@link Labels#adapt}), against {@link KerasLosses}: the batch loss within 1e-5 relative, and its
 * graph-mode gradient with respect to the outputs ({@code graph.addGradients}, as training uses)
 * within 1e-5 relative of central differences (step 1e-5) of the Java formula. Random data, seed
 * fixed per case, keeps every point at least 0.05 away from a kink or clip boundary, where
 * differences would straddle two branches. A missing or wrong gradient fails the second check.
 */
class LossesModuleTest {
  private static final int BATCH = 5;
  private static final double TOLERANCE = 1e-5;
  private static final Map<String, LossFactory> KINDS =
      Guice.createInjector(new LossesModule())
          .getInstance(Key.get(new TypeLiteral<Map<String, LossFactory>>() {}));

  /** {@code labels} as fed, {@code labelShape}/{@code units} per example. */
  record Case(String name, LossSpec spec, Shape labelShape, int units, float[] labels, float[] outputs) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Stream<Case> cases() {
    return Stream.of(
        classes("sparse logits", new SparseCategoricalCrossentropySpec(true), true, 1),
        classes("sparse probabilities", new SparseCategoricalCrossentropySpec(false), false, 2),
        classes("sparse logits smoothed", new SparseCategoricalCrossentropySpec(true, 0.2, null), true, 14),
        classes("categorical ids", new CategoricalCrossentropySpec(true, 0.0), true, 3),
        oneHot("categorical logits smoothed", new CategoricalCrossentropySpec(true, 0.2), true, 4),
        oneHot("categorical probabilities smoothed", new CategoricalCrossentropySpec(false, 0.1), false, 5),
        binary("binary logits", new BinaryCrossentropySpec(true, 0.0), 1, 6),
        binary("binary logits smoothed", new BinaryCrossentropySpec(true, 0.2), 3, 7),
        binary("binary probabilities", new BinaryCrossentropySpec(false, 0.0), 1, 8),
        binary("binary probabilities smoothed", new BinaryCrossentropySpec(false, 0.1), 3, 9),
        regression("mean squared error", new MeanSquaredErrorSpec(), 10),
        regression("mean absolute error", new MeanAbsoluteErrorSpec(), 11),
        regression("huber", new HuberSpec(0.5), 12),
        regression("huber wide", new HuberSpec(3.0), 13));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void matchesKerasAndItsGradient(Case c) {
    double[][] y = javaLabels(c);
    double[][] out = rows(c.outputs(), c.units());
    double expectedLoss = KerasLosses.batchLoss(c.spec(), y, out);
    double[][] expectedGrad = KerasLosses.numericGradient(c.spec(), y, out, 1e-5);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Shape outputShape = Shape.of(c.units());
      Placeholder<TFloat32> labels = tf.placeholder(TFloat32.class, Placeholder.shape(withBatch(c.labelShape())));
      Placeholder<TFloat32> outputs = tf.placeholder(TFloat32.class, Placeholder.shape(withBatch(outputShape)));
      Operand<TFloat32> adapted = Labels.adapt(tf, c.spec(), labels, c.labelShape(), outputShape);
      Operand<TFloat32> loss = KINDS.get(kind(c.spec())).create(c.spec()).call(tf, adapted, outputs, null);
      Output<?> grad = g.addGradients(loss.asOutput(), new Output<?>[] {outputs.asOutput()})[0];
      try (Session s = new Session(g)) {
        List<float[]> got = GraphRuns.run(s, Map.of(labels, c.labels(), outputs, c.outputs()), List.of(loss, grad));
        assertClose(new double[] {expectedLoss}, got.get(0), TOLERANCE, c.name() + " loss");
        assertClose(flatten(expectedGrad), got.get(1), TOLERANCE, c.name() + " gradient");
      }
    }
  }

  /**
   * class_weights against Keras' weighted mean (each example's loss times its class's weight, over
   * the batch size): by id, by name, and balanced ({@code n / (classes · n_c)} counted here from
   * the labels).
   */
  @Test
  void classWeightsWeighEachExampleByItsClass() {
    Case sparse = classes("sparse", new SparseCategoricalCrossentropySpec(true, 0.1,
        ClassWeights.fromMap(Map.of("0", 2.0, "3", 0.5))), true, 21);
    weighted(sparse, new double[] {2.0, 1.0, 1.0, 0.5}, null);
    Case named = classes("named", new CategoricalCrossentropySpec(true, 0.0,
        ClassWeights.fromMap(Map.of("c", 4.0))), true, 22);
    Examples withNames = Examples.of(new float[BATCH], new long[] {1}, named.labels(), new long[0], List.of("a", "b", "c", "d"), 4);
    weighted(named, new double[] {1.0, 1.0, 4.0, 1.0}, withNames);
    Case balanced = classes("balanced", new SparseCategoricalCrossentropySpec(false, 0.0, ClassWeights.BALANCED), false, 23);
    long[] counts = new long[4];
    for (float id : balanced.labels()) {
      counts[(int) id]++;
    }
    double[] expected = new double[4];
    for (int c = 0; c < 4; c++) {
      expected[c] = counts[c] == 0 ? 0 : (double) BATCH / (4.0 * counts[c]);
    }
    weighted(balanced, expected, Examples.of(new float[BATCH], new long[] {1}, balanced.labels(), new long[0], List.of(), 4));
    Case binary = binary("binary", new BinaryCrossentropySpec(true, 0.1, ClassWeights.fromMap(Map.of("1", 3.0))), 1, 24);
    weighted(binary, new double[] {1.0, 3.0}, null);
    Case probabilities = binary("binary probabilities", new BinaryCrossentropySpec(false, 0.0, ClassWeights.fromMap(Map.of("0", 2.0))), 1, 25);
    weighted(probabilities, new double[] {2.0, 1.0}, null);
  }

  private static void weighted(Case c, double[] expectedWeights, Examples train) {
    int classes = c.spec() instanceof BinaryCrossentropySpec ? 2 : 4;
    float[] weights = ClassWeighting.weights(c.spec(), classes, train);
    for (int i = 0; i < classes; i++) {
      assertEquals(expectedWeights[i], weights[i], 1e-6, c.name() + " weight of class " + i);
    }
    double[][] y = javaLabels(c);
    double[][] out = rows(c.outputs(), c.units());
    double expected = KerasLosses.batchLoss(c.spec(), y, out, expectedWeights);
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Shape outputShape = Shape.of(c.units());
      Placeholder<TFloat32> labels = tf.placeholder(TFloat32.class, Placeholder.shape(withBatch(c.labelShape())));
      Placeholder<TFloat32> outputs = tf.placeholder(TFloat32.class, Placeholder.shape(withBatch(outputShape)));
      Operand<TFloat32> adapted = Labels.adapt(tf, c.spec(), labels, c.labelShape(), outputShape);
      Operand<TFloat32> loss = KINDS.get(kind(c.spec())).create(c.spec())
          .call(tf, adapted, outputs, ClassWeighting.sampleWeights(tf, c.spec(), adapted, weights));
      try (Session s = new Session(g)) {
        List<float[]> got = GraphRuns.run(s, Map.of(labels, c.labels(), outputs, c.outputs()), List.of(loss));
        assertClose(new double[] {expected}, got.get(0), TOLERANCE, c.name() + " weighted loss");
      }
    }
  }

  @Test
  void everyKindHasACase() {
    Set<String> covered = cases().map(c -> kind(c.spec())).collect(Collectors.toSet());
    assertEquals(KINDS.keySet(), covered);
  }

  private static Case classes(String name, LossSpec spec, boolean logits, long seed) {
    Random r = new Random(seed);
    float[] ids = new float[BATCH];
    for (int i = 0; i < BATCH; i++) {
      ids[i] = r.nextInt(4);
    }
    return new Case(name, spec, Shape.scalar(), 4, ids, logits ? logits(r, BATCH * 4) : probabilities(r, 4));
  }

  private static Case oneHot(String name, LossSpec spec, boolean logits, long seed) {
    Random r = new Random(seed);
    float[] labels = new float[BATCH * 4];
    for (int i = 0; i < BATCH; i++) {
      labels[i * 4 + r.nextInt(4)] = 1;
    }
    return new Case(name, spec, Shape.of(4), 4, labels, logits ? logits(r, BATCH * 4) : probabilities(r, 4));
  }

  private static Case binary(String name, BinaryCrossentropySpec spec, int units, long seed) {
    Random r = new Random(seed);
    float[] labels = new float[BATCH * units];
    float[] outputs = new float[BATCH * units];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = r.nextBoolean() ? 1 : 0;
      outputs[i] = spec.fromLogits() ? (float) (3 * r.nextGaussian()) : 0.05f + 0.9f * r.nextFloat();
    }
    return new Case(name, spec, units == 1 ? Shape.scalar() : Shape.of(units), units, labels, outputs);
  }

  private static Case regression(String name, LossSpec spec, long seed) {
    Random r = new Random(seed);
    double kink = spec instanceof HuberSpec h ? h.delta() : 0;
    float[] labels = new float[BATCH * 3];
    float[] outputs = new float[BATCH * 3];
    for (int i = 0; i < labels.length; i++) {
      labels[i] = (float) r.nextGaussian();
      double error;
      do {
        error = 4 * r.nextGaussian();
      } while (Math.abs(error) < 0.05 || Math.abs(Math.abs(error) - kink) < 0.05);
      outputs[i] = labels[i] + (float) error;
    }
    return new Case(name, spec, Shape.of(3), 3, labels, outputs);
  }

  private static float[] logits(Random r, int n) {
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) (2 * r.nextGaussian());
    }
    return out;
  }

  /** Rows of positive values in [0.05, 1): unnormalized on purpose, Keras divides by the row sum. */
  private static float[] probabilities(Random r, int units) {
    float[] out = new float[BATCH * units];
    for (int i = 0; i < out.length; i++) {
      out[i] = 0.05f + 0.95f * r.nextFloat();
    }
    return out;
  }

  private static double[][] javaLabels(Case c) {
    if (c.labelShape().numDimensions() == 0 && c.units() > 1) {
      double[][] y = new double[BATCH][c.units()];
      for (int i = 0; i < BATCH; i++) {
        y[i][(int) c.labels()[i]] = 1;
      }
      return y;
    }
    return rows(c.labels(), c.units());
  }

  private static double[][] rows(float[] flat, int units) {
    double[][] out = new double[flat.length / units][units];
    for (int i = 0; i < flat.length; i++) {
      out[i / units][i % units] = flat[i];
    }
    return out;
  }

  private static double[] flatten(double[][] rows) {
    return Stream.of(rows).flatMapToDouble(java.util.Arrays::stream).toArray();
  }

  private static Shape withBatch(Shape example) {
    return Shape.of(BATCH).append(example);
  }

  private static String kind(LossSpec spec) {
    return spec.getClass().getAnnotation(Kind.class).value();
  }
}
