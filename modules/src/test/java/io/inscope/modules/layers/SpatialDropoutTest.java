package io.inscope.modules.layers;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.layers.SpatialDropout2DSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/** In training whole channels are dropped, the rest scaled; the same step draws the same mask. */
class SpatialDropoutTest {
  private static final int BATCH = 4;
  private static final int H = 3;
  private static final int W = 2;
  private static final int C = 8;

  @Test
  void dropsWholeChannelsOfEachExampleAndScalesTheOthers() {
    try (LayerHarness h = new LayerHarness(new SpatialDropout2DSpec(0.5), Shape.of(H, W, C), BATCH)) {
      LayerHarness.Call call = h.call(true);
      float[] x = new float[BATCH * H * W * C];
      Arrays.fill(x, 1f);
      float[] y = h.forward(call, x, 7);
      int dropped = 0;
      for (int b = 0; b < BATCH; b++) {
        for (int c = 0; c < C; c++) {
          float first = y[((b * H) * W) * C + c];
          assertTrue(first == 0f || first == 2f, "kept values are scaled by 1 / (1 - rate): " + first);
          dropped += first == 0f ? 1 : 0;
          for (int p = 0; p < H * W; p++) {
            assertEquals(first, y[(b * H * W + p) * C + c], "channel " + c + " of example " + b + " at pixel " + p);
          }
        }
      }
      assertTrue(dropped > 0 && dropped < BATCH * C, "some channels dropped, some kept: " + dropped);
      assertArrayEquals(y, h.forward(call, x, 7), "the same step draws the same mask");
    }
  }
}
