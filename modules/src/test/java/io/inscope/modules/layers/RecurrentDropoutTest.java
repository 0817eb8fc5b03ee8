package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.layers.GRUSpec;
import io.inscope.configs.layers.LayerSpec;
import io.inscope.configs.layers.RecurrentSpec;
import io.inscope.modules.strategy.MirroredVariable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.ndarray.Shape;

/**
 * LSTM and GRU {@code dropout} / {@code recurrent_dropout}. In training the layer's output must
 * equal Keras 3's cell equations ({@link KerasCells}, double precision) computed with the very masks
 * the layer drew (fetched from its {@code <layer>/input_dropout_mask} and {@code
 * <layer>/recurrent_dropout_mask} ops), within 1e-5 relative plus 1e-6 absolute; the masks must be
 * inverted-dropout masks (0 or 1 / (1 - rate), about {@code rate} of them 0), one per gate when
 * recurrent_dropout is set (one shared input mask otherwise), drawn again each step and the same
 * for the same step in a rebuilt graph (so a resumed run repeats them). In inference dropout
 * changes nothing (bit-exact); Keras' own inference outputs are in KerasParityTest's cases.
 */
class RecurrentDropoutTest {
  private static final Shape EXAMPLE = Shape.of(4, 2);
  private static final int BATCH = 3;
  private static final double ATOL = 1e-6;
  private static final double RTOL = 1e-5;

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {
    "lstm: {units: 3, dropout: 0.4, recurrent_dropout: 0.3}",
    "lstm: {units: 3, dropout: 0.5}",
    "lstm: {units: 2, recurrent_dropout: 0.5, go_backwards: true, use_bias: false}",
    "gru: {units: 3, dropout: 0.4, recurrent_dropout: 0.3}",
    "gru: {units: 3, dropout: 0.5}",
    "gru: {units: 3, dropout: 0.3, recurrent_dropout: 0.5, reset_after: false}",
  })
  void trainingOutputIsKerasCellsWithTheDrawnMasks(String yaml) throws Exception {
    LayerSpec spec = KerasCases.parse(yaml, EXAMPLE);
    String kind = ModelFactory.kindOf(spec);
    try (LayerHarness h = new LayerHarness(spec, EXAMPLE, BATCH)) {
      Map<String, float[]> weights = randomWeights(h);
      LayerHarness.Call call = h.call(true);
      float[] x = uniform(new Random(5), BATCH * 8, -1, 1);
      Fetched f = fetch(h, call, x, 7, List.of(kind), ((RecurrentSpec) spec).units());
      RecurrentSpec r = (RecurrentSpec) spec;
      assertEquals(r.dropout() > 0 ? (r.recurrentDropout() > 0 ? gates(spec) : 1) : 0, count(f.masks.get(kind + "/input")),
          "input masks: one per gate with recurrent_dropout, else one");
      assertEquals(r.recurrentDropout() > 0 ? gates(spec) : 0, count(f.masks.get(kind + "/recurrent")), "recurrent masks");
      double[][] expected = reference(spec, kind, weights, x, f.masks);
      assertClose("output", flat(expected), f.output, ATOL, RTOL);
    }
  }

  /** Each direction draws its own masks (its own seed), and the merge is of the two dropped outputs. */
  @Test
  void bidirectionalDropsEachDirectionWithItsOwnMasks() throws Exception {
    LayerSpec spec = KerasCases.parse(
        "bidirectional: {layer: {gru: {units: 2, dropout: 0.4, recurrent_dropout: 0.3}}}", EXAMPLE);
    try (LayerHarness h = new LayerHarness(spec, EXAMPLE, BATCH)) {
      Map<String, float[]> weights = randomWeights(h);
      LayerHarness.Call call = h.call(true);
      float[] x = uniform(new Random(6), BATCH * 8, -1, 1);
      String fw = "bidirectional.forward_gru";
      String bw = "bidirectional.backward_gru";
      Fetched f = fetch(h, call, x, 3, List.of(fw, bw), 2);
      assertFalse(Arrays.equals(flat3(f.masks.get(fw + "/input")), flat3(f.masks.get(bw + "/input"))),
          "the two directions draw different masks");
      GRUSpec gru = (GRUSpec) ((io.inscope.configs.layers.BidirectionalSpec) spec).layer();
      double[][] forward = reference(gru, fw, weights, x, f.masks);
      double[][] backward = reference(gru.reversed(), bw, weights, x, f.masks);
      double[] expected = new double[BATCH * 4];
      for (int b = 0; b < BATCH; b++) {
        for (int j = 0; j < 2; j++) {
          expected[b * 4 + j] = forward[b][j];
          expected[b * 4 + 2 + j] = backward[b][j];
        }
      }
      assertClose("concatenated output", expected, f.output, ATOL, RTOL);
    }
  }

  @Test
  void masksAreInvertedDropoutDrawnPerGateAndPerStepTheSameAfterARebuild() throws Exception {
    Shape example = Shape.of(2, 8);
    int batch = 64;
    LayerSpec spec = KerasCases.parse("lstm: {units: 8, dropout: 0.4, recurrent_dropout: 0.25}", example);
    float[] x = uniform(new Random(7), batch * 16, -1, 1);
    Map<String, float[]> weights;
    Fetched first;
    try (LayerHarness h = new LayerHarness(spec, example, batch)) {
      weights = randomWeights(h);
      LayerHarness.Call call = h.call(true);
      first = fetch(h, call, x, 7, List.of("lstm"), 8);
      checkMasks(first.masks.get("lstm/input"), 0.4);
      checkMasks(first.masks.get("lstm/recurrent"), 0.25);
      Fetched again = fetch(h, call, x, 7, List.of("lstm"), 8);
      assertArrayEquals(first.output, again.output, "the same step draws the same masks");
      Fetched next = fetch(h, call, x, 8, List.of("lstm"), 8);
      assertFalse(Arrays.equals(flat3(first.masks.get("lstm/input")), flat3(next.masks.get("lstm/input"))),
          "the next step draws new masks");
    }
    try (LayerHarness rebuilt = new LayerHarness(spec, example, batch)) {
      weights.forEach(rebuilt::assign);
      Fetched resumed = fetch(rebuilt, rebuilt.call(true), x, 7, List.of("lstm"), 8);
      assertArrayEquals(first.output, resumed.output, "a rebuilt graph (a resumed run) draws the same masks at step 7");
    }
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lstm", "gru"})
  void inferenceIgnoresDropout(String kind) throws Exception {
    float[] x = uniform(new Random(8), BATCH * 8, -1, 1);
    float[] without;
    Map<String, float[]> weights;
    try (LayerHarness h = new LayerHarness(KerasCases.parse(kind + ": {units: 3}", EXAMPLE), EXAMPLE, BATCH)) {
      weights = randomWeights(h);
      without = h.forward(h.call(false), x, 7);
    }
    String yaml = kind + ": {units: 3, dropout: 0.5, recurrent_dropout: 0.5}";
    try (LayerHarness h = new LayerHarness(KerasCases.parse(yaml, EXAMPLE), EXAMPLE, BATCH)) {
      weights.forEach(h::assign);
      LayerHarness.Call call = h.call(false);
      assertArrayEquals(without, h.forward(call, x, 7), "inference output equals the layer without dropout");
      assertNull(h.graph.operation(kind + "/input_dropout_mask"), "no mask is drawn in inference");
    }
  }

  /** Masks {@code [count][batch][width]}: each 0 or 1 / (1 - rate), about rate of them 0, the gates' masks different. */
  private static void checkMasks(double[][][] masks, double rate) {
    int zeros = 0;
    int n = 0;
    for (double[][] m : masks) {
      for (double[] row : m) {
        for (double v : row) {
          assertTrue(v == 0 || Math.abs(v - 1 / (1 - rate)) < 1e-6, "mask value " + v);
          zeros += v == 0 ? 1 : 0;
          n++;
        }
      }
    }
    // n >= 2048 draws: 0.05 is more than 4 standard deviations of the dropped fraction
    assertEquals(rate, zeros / (double) n, 0.05, "fraction dropped of " + n);
    assertFalse(Arrays.deepEquals(masks[0], masks[1]), "gates draw their own masks");
  }

  private record Fetched(float[] output, Map<String, double[][][]> masks) {}

  /** The output at {@code step} and the masks of each named recurrent layer of {@code units} ("<layer>/input", "<layer>/recurrent"). */
  private static Fetched fetch(
      LayerHarness h, LayerHarness.Call call, float[] x, long step, List<String> layers, int units) {
    List<String> ops = new ArrayList<>();
    List<String> keys = new ArrayList<>();
    for (String layer : layers) {
      for (String what : List.of("input", "recurrent")) {
        String op = layer + "/" + what + "_dropout_mask";
        if (h.graph.operation(op) != null) {
          ops.add(op);
          keys.add(layer + "/" + what);
        }
      }
    }
    List<float[]> out = h.forwardWith(call, x, step, ops.toArray(new String[0]));
    Map<String, double[][][]> masks = new HashMap<>();
    for (int i = 0; i < ops.size(); i++) {
      int batch = (int) call.input().shape().size(0);
      int width = (int) (keys.get(i).endsWith("/input") ? call.input().shape().size(2) : units);
      float[] v = out.get(i + 1);
      int count = v.length / batch / width;
      double[][][] m = new double[count][batch][width];
      for (int k = 0; k < v.length; k++) {
        m[k / (batch * width)][k / width % batch][k % width] = v[k];
      }
      masks.put(keys.get(i), m);
    }
    return new Fetched(out.get(0), masks);
  }

  private static Map<String, float[]> randomWeights(LayerHarness h) {
    Map<String, float[]> weights = new HashMap<>();
    Random random = new Random(11);
    for (MirroredVariable<?> v : h.scope.variables()) {
      float[] values = uniform(random, (int) v.shape().size(), -0.6, 0.6);
      h.assign(v.name(), values);
      weights.put(v.name(), values);
    }
    return weights;
  }

  private static double[][] reference(LayerSpec spec, String layer, Map<String, float[]> w, float[] x,
      Map<String, double[][][]> masks) {
    RecurrentSpec r = (RecurrentSpec) spec;
    int steps = (int) EXAMPLE.size(0);
    int features = (int) EXAMPLE.size(1);
    int batch = x.length / steps / features;
    double[][][] xs = new double[batch][steps][features];
    for (int k = 0; k < x.length; k++) {
      xs[k / (steps * features)][k / features % steps][k % features] = x[k];
    }
    double[][][] in = masks.get(layer + "/input");
    double[][][] rec = masks.get(layer + "/recurrent");
    if (spec instanceof GRUSpec gru) {
      return KerasCells.gru(xs, w.get(layer + ".kernel"), w.get(layer + ".recurrent_kernel"), w.get(layer + ".bias"),
          r.units(), gru.resetAfter(), in, rec, r.goBackwards());
    }
    return KerasCells.lstm(xs, w.get(layer + ".kernel"), w.get(layer + ".recurrent_kernel"), w.get(layer + ".bias"),
        r.units(), in, rec, r.goBackwards());
  }

  private static int gates(LayerSpec spec) {
    return spec instanceof GRUSpec ? 3 : 4;
  }

  private static int count(double[][][] masks) {
    return masks == null ? 0 : masks.length;
  }

  private static double[] flat(double[][] a) {
    return Arrays.stream(a).flatMapToDouble(Arrays::stream).toArray();
  }

  private static double[] flat3(double[][][] a) {
    assertNotNull(a);
    return Arrays.stream(a).flatMap(Arrays::stream).flatMapToDouble(Arrays::stream).toArray();
  }
}
