package io.inscope.modules.data;

import static io.inscope.modules.data.IdxSourceTest.features;
import static io.inscope.modules.data.IdxSourceTest.input;
import static io.inscope.modules.data.IdxSourceTest.labels;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.inscope.configs.data.SyntheticSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SyntheticSourceTest {
  private static final SyntheticSpec SPEC = new SyntheticSpec(2000, 10);

  @Test
  void sameSeedSameData() throws DataException {
    Examples a = new SyntheticSource().load(SPEC, input(2, 4), 42);
    Examples b = new SyntheticSource().load(SPEC, input(2, 4), 42);
    assertArrayEquals(features(a), features(b));
    assertArrayEquals(labels(a), labels(b));
    assertArrayEquals(new long[] {2, 4}, a.featureShape());
    assertEquals(2000, a.size());
    assertEquals(10, a.numClasses());
  }

  @Test
  void anotherSeedOtherData() throws DataException {
    Examples a = new SyntheticSource().load(SPEC, input(8), 42);
    Examples b = new SyntheticSource().load(SPEC, input(8), 43);
    assertFalse(Arrays.equals(features(a), features(b)));
    assertFalse(Arrays.equals(labels(a), labels(b)));
  }

  @Test
  void labelsAreClassIdsCoveringEveryClass() throws DataException {
    int[] counts = new int[10];
    for (float label : labels(new SyntheticSource().load(SPEC, input(8), 7))) {
      assertEquals(Math.rint(label), label);
      assertTrue(label >= 0 && label < 10, "label " + label);
      counts[(int) label]++;
    }
    for (int count : counts) {
      assertEquals(200, count, 60);
    }
  }

  @Test
  void classesAreSeparableByNearestCentroid() throws DataException {
    Examples examples = new SyntheticSource().load(SPEC, input(8), 42);
    int e = examples.featureElements();
    float[] x = features(examples);
    float[] y = labels(examples);
    int half = examples.size() / 2;
    // Centroids estimated on the first half, accuracy measured on the second.
    double[][] centroids = new double[10][e];
    int[] counts = new int[10];
    for (int i = 0; i < half; i++) {
      int c = (int) y[i];
      counts[c]++;
      for (int j = 0; j < e; j++) {
        centroids[c][j] += x[i * e + j];
      }
    }
    int correct = 0;
    for (int i = half; i < examples.size(); i++) {
      int best = -1;
      double bestDistance = Double.MAX_VALUE;
      for (int c = 0; c < 10; c++) {
        double d = 0;
        for (int j = 0; j < e; j++) {
          double diff = x[i * e + j] - centroids[c][j] / counts[c];
          d += diff * diff;
        }
        if (d < bestDistance) {
          bestDistance = d;
          best = c;
        }
      }
      correct += best == (int) y[i] ? 1 : 0;
    }
    double accuracy = correct / (double) (examples.size() - half);
    assertTrue(accuracy > 0.9, "nearest-centroid accuracy " + accuracy);
  }

  @Test
  void splitsOfAnotherSizeShareCentroidsButNotExamples() throws DataException {
    Examples train = new SyntheticSource().load(new SyntheticSpec(3000, 3), input(4), 42);
    Examples eval = new SyntheticSource().load(new SyntheticSpec(1000, 3), input(4), 42);
    float[] a = features(train);
    float[] b = features(eval);
    assertFalse(Arrays.equals(Arrays.copyOf(a, b.length), b));
    double[][] meanA = classMeans(a, labels(train));
    double[][] meanB = classMeans(b, labels(eval));
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 4; j++) {
        // Means of ~333 samples with noise 0.5 agree within a few standard errors (0.03).
        assertEquals(meanA[c][j], meanB[c][j], 0.15);
      }
    }
  }

  private static double[][] classMeans(float[] x, float[] y) {
    double[][] means = new double[3][4];
    int[] counts = new int[3];
    for (int i = 0; i < y.length; i++) {
      counts[(int) y[i]]++;
      for (int j = 0; j < 4; j++) {
        means[(int) y[i]][j] += x[i * 4 + j];
      }
    }
    for (int c = 0; c < 3; c++) {
      for (int j = 0; j < 4; j++) {
        means[c][j] /= counts[c];
      }
    }
    return means;
  }
}
