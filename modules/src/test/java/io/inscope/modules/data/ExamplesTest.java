package io.inscope.modules.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class ExamplesTest {
  // Three examples of shape [2] with labels of shape [2].
  private final float[] features = {1, 2, 3, 4, 5, 6};
  private final float[] labels = {10, 11, 20, 21, 30, 31};

  @Test
  void copiesSingleExamplesAndGathersBatches() {
    Examples examples = Examples.of(features, new long[] {2}, labels, new long[] {2}, List.of(), -1);
    assertEquals(3, examples.size());
    assertEquals(2, examples.labelElements());
    float[] one = new float[5];
    examples.copyFeatures(2, one, 1);
    examples.copyLabels(1, one, 3);
    assertArrayEquals(new float[] {0, 5, 6, 20, 21}, one);

    float[] f = new float[6];
    float[] l = new float[6];
    examples.gather(new int[] {9, 2, 0, 2}, 1, 3, f, l);
    assertArrayEquals(new float[] {5, 6, 1, 2, 5, 6}, f);
    assertArrayEquals(new float[] {30, 31, 10, 11, 30, 31}, l);

    float[] sf = new float[4];
    float[] sl = new float[4];
    examples.slice(1, 2, sf, sl);
    assertArrayEquals(new float[] {3, 4, 5, 6}, sf);
    assertArrayEquals(new float[] {20, 21, 30, 31}, sl);
  }

  @Test
  void isImmutableAndScalesIntoANewInstance() {
    Examples examples = Examples.of(features, new long[] {2}, labels, new long[] {2}, List.of(), -1);
    features[0] = 99;
    examples.featureShape()[0] = 7;
    Examples scaled = examples.scaled(0.5);
    float[] f = new float[6];
    scaled.slice(0, 3, f, new float[6]);
    assertArrayEquals(new float[] {0.5f, 1, 1.5f, 2, 2.5f, 3}, f);
    float[] original = new float[2];
    examples.copyFeatures(0, original, 0);
    assertArrayEquals(new float[] {1, 2}, original);
    assertArrayEquals(new long[] {2}, examples.featureShape());
    assertSame(examples, examples.scaled(1.0));
  }

  @Test
  void rejectsArraysThatDoNotFormWholeExamples() {
    assertThrows(IllegalArgumentException.class, () -> Examples.of(new float[5], new long[] {2}, new float[2], new long[] {}, List.of(), -1));
    assertThrows(IllegalArgumentException.class, () -> Examples.of(new float[4], new long[] {2}, new float[3], new long[] {}, List.of(), -1));
    assertThrows(IllegalArgumentException.class, () -> Examples.of(new float[4], new long[] {2}, new float[2], new long[] {}, List.of("a"), 2));
  }
}
