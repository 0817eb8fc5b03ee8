package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.DType;
import io.inscope.configs.Fraction;
import io.inscope.configs.InputSpec;
import io.inscope.configs.data.FlipMode;
import io.inscope.configs.data.NormalizeSpec;
import io.inscope.configs.data.PreprocessingSpec;
import io.inscope.configs.data.RandomBrightnessSpec;
import io.inscope.configs.data.RandomContrastSpec;
import io.inscope.configs.data.RandomCropSpec;
import io.inscope.configs.data.RandomFlipSpec;
import io.inscope.configs.data.RescaleSpec;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class PreprocessingTest {
  private static final InputSpec IMAGE = new InputSpec(List.of(4, 3, 2), DType.FLOAT32);
  private static final int N = 24;
  private static final List<PreprocessingSpec> ALL = List.of(
      new RescaleSpec(Fraction.parse("1/255"), 0),
      new RandomFlipSpec(FlipMode.HORIZONTAL_AND_VERTICAL),
      new NormalizeSpec(List.of(0.5, 0.4), List.of(0.25, 0.5)),
      new RandomCropSpec(1, null),
      new RandomBrightnessSpec(0.2, List.of(-2.0, 2.0)),
      new RandomContrastSpec(0.3, List.of(-2.0, 2.0)));

  private static float[] batch(int rows) {
    float[] x = new float[rows * N];
    for (int i = 0; i < x.length; i++) {
      x[i] = (i * 37) % 256;
    }
    return x;
  }

  @Test
  void drawsDependOnSeedStepAndRowOnly() {
    float[] a = batch(8);
    PreprocessingCompiler.builtIn().training(ALL, IMAGE, 7).apply(a, 0, 8, 123);
    // the same rows staged elsewhere in a buffer (steps_per_execution), by a fresh instance
    float[] b = new float[16 * N];
    System.arraycopy(batch(8), 0, b, 8 * N, 8 * N);
    PreprocessingCompiler.builtIn().training(ALL, IMAGE, 7).apply(b, 8, 8, 123);
    assertArrayEquals(a, Arrays.copyOfRange(b, 8 * N, 16 * N));

    float[] otherStep = batch(8);
    PreprocessingCompiler.builtIn().training(ALL, IMAGE, 7).apply(otherStep, 0, 8, 124);
    assertFalse(Arrays.equals(a, otherStep));
    float[] otherSeed = batch(8);
    PreprocessingCompiler.builtIn().training(ALL, IMAGE, 8).apply(otherSeed, 0, 8, 123);
    assertFalse(Arrays.equals(a, otherSeed));
    // rows get their own draws: identical inputs come out differently
    float[] same = new float[8 * N];
    for (int r = 0; r < 8; r++) {
      System.arraycopy(batch(1), 0, same, r * N, N);
    }
    PreprocessingCompiler.builtIn().training(ALL, IMAGE, 7).apply(same, 0, 8, 5);
    assertFalse(Arrays.equals(Arrays.copyOfRange(same, 0, N), Arrays.copyOfRange(same, N, 2 * N)));
  }

  @Test
  void inferenceRunsTheStepsThatAreNotRandomInOrder() {
    float[] x = batch(2);
    float[] expected = x.clone();
    for (int i = 0; i < expected.length; i++) {
      float v = expected[i] * (float) (1 / 255.0) + 0f;
      expected[i] = (v - (i % 2 == 0 ? 0.5f : 0.4f)) * (i % 2 == 0 ? 1f / 0.25f : 1f / 0.5f);
    }
    Preprocessing inference = PreprocessingCompiler.builtIn().inference(ALL, IMAGE);
    inference.apply(x, 0, 2, 99);
    assertArrayEquals(expected, x);
    Examples e = Examples.of(batch(2), new long[] {4, 3, 2}, new float[] {0, 1}, new long[0], List.of(), -1);
    float[] out = new float[2 * N];
    inference.applyTo(e).slice(0, 2, out, new float[2]);
    assertArrayEquals(expected, out);
    assertTrue(PreprocessingCompiler.builtIn().inference(List.of(new RandomFlipSpec(FlipMode.VERTICAL)), IMAGE).isEmpty());
  }

  @Test
  void flipsHalfTheExamplesAndCropsEveryOffset() {
    int rows = 2000;
    float[] x = new float[rows * N];
    for (int r = 0; r < rows; r++) {
      System.arraycopy(batch(1), 0, x, r * N, N);
    }
    float[] original = batch(1);
    PreprocessingCompiler.builtIn().training(List.of(new RandomFlipSpec(FlipMode.HORIZONTAL)), IMAGE, 3).apply(x, 0, rows, 0);
    int flipped = 0;
    for (int r = 0; r < rows; r++) {
      float[] row = Arrays.copyOfRange(x, r * N, (r + 1) * N);
      if (!Arrays.equals(row, original)) {
        flipped++;
      }
    }
    // binomial(2000, 1/2): 1000 ± 4.5 sigma
    assertEquals(1000, flipped, 100);

    // a one-pixel image of value 1, padding 2: the pixel survives exactly when the offset is (2, 2)
    InputSpec pixel = new InputSpec(List.of(1, 1, 1), DType.FLOAT32);
    float[] ones = new float[rows];
    Arrays.fill(ones, 1f);
    PreprocessingCompiler.builtIn().training(List.of(new RandomCropSpec(2, null)), pixel, 3).apply(ones, 0, rows, 0);
    int kept = 0;
    for (float v : ones) {
      kept += v == 1f ? 1 : 0;
    }
    assertEquals(rows / 25.0, kept, 40, "offsets uniform over 5 x 5");
  }

  @Test
  void brightnessAndContrastDrawWithinTheirFactors() {
    InputSpec pixels = new InputSpec(List.of(1, 2, 1), DType.FLOAT32);
    int rows = 1000;
    float[] x = new float[2 * rows];
    Arrays.fill(x, 100f);
    PreprocessingCompiler.builtIn().training(List.of(new RandomBrightnessSpec(0.1, List.of(0.0, 255.0))), pixels, 1).apply(x, 0, rows, 0);
    double min = Double.MAX_VALUE;
    double max = -Double.MAX_VALUE;
    for (int r = 0; r < rows; r++) {
      assertEquals(x[2 * r], x[2 * r + 1], "one delta per example");
      min = Math.min(min, x[2 * r]);
      max = Math.max(max, x[2 * r]);
    }
    assertTrue(min >= 100 - 25.5 && min < 100 - 24 && max <= 100 + 25.5 && max > 100 + 24, min + " " + max);

    float[] y = new float[2 * rows];
    for (int r = 0; r < rows; r++) {
      y[2 * r] = 90;
      y[2 * r + 1] = 110;
    }
    PreprocessingCompiler.builtIn().training(List.of(new RandomContrastSpec(0.5, List.of(0.0, 255.0))), pixels, 1).apply(y, 0, rows, 0);
    for (int r = 0; r < rows; r++) {
      float c = (y[2 * r + 1] - 100) / 10;
      assertTrue(c >= 0.5f - 1e-5 && c <= 1.5f + 1e-5, "factor " + c);
      assertEquals(200f, y[2 * r] + y[2 * r + 1], 1e-3, "the mean stays");
    }
    assertNotEquals(y[1], y[3]);
  }
}
