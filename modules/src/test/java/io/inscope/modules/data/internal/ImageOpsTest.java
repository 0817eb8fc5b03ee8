package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * The preprocessing arithmetic against Keras 3.15 / TensorFlow 2.21 on a 2 × 4 × 5 × 3 batch of
 * values in [0, 255], with the random layers' draws written out ({@code
 * tools/keras_preprocessing_refs.py}). Flips and crops move values: equal exactly. The others are
 * float32 arithmetic: within 1e-6 relative (rescale, normalize, brightness) and 2e-5 of the range
 * (contrast, whose channel means TensorFlow sums in another order).
 */
class ImageOpsTest {
  private static final int B = 2;
  private static final int H = 4;
  private static final int W = 5;
  private static final int C = 3;
  private static final int N = H * W * C;

  @Test
  void everyStepMatchesKeras() throws IOException {
    JsonNode refs;
    try (InputStream in = getClass().getResourceAsStream("/keras/preprocessing.json")) {
      refs = new ObjectMapper().readTree(in);
    }
    float[] input = floats(refs.get("input"));
    int checked = 0;
    for (JsonNode c : refs.get("cases")) {
      String name = c.get("name").asText();
      JsonNode p = c.get("params");
      float[] x = input.clone();
      float[] scratch = new float[N];
      double tolerance = 1e-6;
      for (int i = 0; i < B; i++) {
        int at = i * N;
        switch (c.get("op").asText()) {
          case "rescale" -> ImageOps.rescale(x, at, N, (float) p.get("scale").asDouble(), (float) p.get("offset").asDouble());
          case "normalize" -> {
            float[] inverse = floats(p.get("std"));
            for (int k = 0; k < inverse.length; k++) {
              inverse[k] = 1f / inverse[k];
            }
            ImageOps.normalize(x, at, N, floats(p.get("mean")), inverse);
          }
          case "random_flip" -> {
            if (p.get("flips").get(i).asBoolean()) {
              String mode = p.get("mode").asText();
              if (mode.startsWith("horizontal")) {
                ImageOps.flipHorizontal(x, at, H, W, C);
              }
              if (mode.endsWith("vertical")) {
                ImageOps.flipVertical(x, at, H, W, C, scratch);
              }
            }
            tolerance = 0;
          }
          case "random_crop" -> {
            JsonNode o = p.get("offsets").get(i);
            ImageOps.padCrop(x, at, H, W, C, p.get("padding").asInt(), o.get(0).asInt(), o.get(1).asInt(), scratch);
            tolerance = 0;
          }
          case "random_brightness" -> ImageOps.brightness(x, at, N, (float) (p.get("deltas").get(i).asDouble() * 255.0), 0f, 255f);
          case "random_contrast" -> {
            ImageOps.contrast(x, at, H, W, C, (float) p.get("factors").get(i).asDouble(), 0f, 255f, new float[C]);
            tolerance = 2e-5;
          }
          default -> throw new AssertionError("unknown op in " + name);
        }
      }
      float[] expected = floats(c.get("output"));
      for (int j = 0; j < expected.length; j++) {
        double bound = tolerance * Math.max(1.0, tolerance == 2e-5 ? 255.0 : Math.abs(expected[j]));
        assertEquals(expected[j], x[j], bound, name + " at " + j);
      }
      checked++;
    }
    assertEquals(11, checked);
  }

  @Test
  void cropShiftsThePaddedImage() {
    // a 3 x 3 one-channel image 1..9, padding 1, window at (0, 2): shifted down one row and left one column
    float[] x = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    ImageOps.padCrop(x, 0, 3, 3, 1, 1, 0, 2, new float[9]);
    assertEquals("[0.0, 0.0, 0.0, 2.0, 3.0, 0.0, 5.0, 6.0, 0.0]", java.util.Arrays.toString(x));
  }

  private static float[] floats(JsonNode array) {
    float[] out = new float[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = (float) array.get(i).asDouble();
    }
    return out;
  }
}
