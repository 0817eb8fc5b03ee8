package io.inscope.modules.layers;

import static io.inscope.modules.layers.Numerics.assertClose;
import static io.inscope.modules.layers.Numerics.uniform;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.inscope.configs.initializers.RandomUniformSpec;
import io.inscope.configs.layers.EmbeddingSpec;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

class EmbeddingTest {
  private static final int VOCABULARY = 7;
  private static final int WIDTH = 3;

  @Test
  void looksUpRowsAndAccumulatesGradientsOfRepeatedIds() {
    Random random = new Random(6);
    EmbeddingSpec spec = new EmbeddingSpec(VOCABULARY, WIDTH, new RandomUniformSpec(-1, 1));
    try (LayerHarness h = new LayerHarness(spec, Shape.of(4), 2)) {
      assertEquals(Shape.of(4, WIDTH), h.outputExample);
      LayerHarness.Call call = h.call(0, true, false);
      float[] ids = {0, 6, 2, 2, 5, 2, 0, 3};
      float[] w = uniform(random, ids.length * WIDTH, -1, 1);
      float[] table = h.value("embedding.embeddings");
      double[] rows = new double[ids.length * WIDTH];
      double[] tableGradient = new double[VOCABULARY * WIDTH];
      for (int i = 0; i < ids.length; i++) {
        for (int k = 0; k < WIDTH; k++) {
          rows[i * WIDTH + k] = table[(int) ids[i] * WIDTH + k];
          tableGradient[(int) ids[i] * WIDTH + k] += w[i * WIDTH + k];
        }
      }
      assertClose("output", rows, h.forward(call, ids), 0, 0);
      assertClose("d/dtable", tableGradient,
          h.gradients(call, ids, w, 0).get("embedding.embeddings"), 1e-6, 1e-6);
    }
  }
}
