package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class SplitMix64Test {

  @Test
  void firstOutputOfSeedZeroIsTheReferenceValue() {
    // From the reference C implementation (Vigna's splitmix64.c) with x = 0.
    assertEquals(0xe220a8397b1dcdafL, new SplitMix64(0).nextLong());
  }

  @Test
  void longsMatchSplittableRandom() {
    for (long seed : new long[] {0, 42, -7, Long.MAX_VALUE}) {
      SplitMix64 ours = new SplitMix64(seed);
      SplittableRandom jdk = new SplittableRandom(seed);
      for (int i = 0; i < 100; i++) {
        assertEquals(jdk.nextLong(), ours.nextLong(), "seed " + seed + " draw " + i);
      }
    }
  }

  @Test
  void nextIntFollowsJavaUtilRandomsMethodOverTheTop31Bits() {
    SplitMix64 ours = new SplitMix64(5);
    SplitMix64 bits = new SplitMix64(5);
    for (int i = 0; i < 1000; i++) {
      int bound = 1 + (i * 7919) % 1000;
      int r = (int) (bits.nextLong() >>> 33);
      int expected;
      if (Integer.bitCount(bound) == 1) {
        expected = (int) ((bound * (long) r) >> 31);
      } else {
        while (r - r % bound + (bound - 1) < 0) {
          r = (int) (bits.nextLong() >>> 33);
        }
        expected = r % bound;
      }
      assertEquals(expected, ours.nextInt(bound));
    }
  }

  @Test
  void nextIntIsUniform() {
    SplitMix64 random = new SplitMix64(1);
    int[] counts = new int[6];
    for (int i = 0; i < 60_000; i++) {
      counts[random.nextInt(6)]++;
    }
    for (int count : counts) {
      assertEquals(10_000, count, 400);
    }
  }

  @Test
  void gaussianHasUnitMomentsAndIsDeterministic() {
    SplitMix64 random = new SplitMix64(3);
    double sum = 0;
    double squares = 0;
    int n = 40_000;
    for (int i = 0; i < n; i++) {
      double x = random.nextGaussian();
      sum += x;
      squares += x * x;
    }
    assertEquals(0.0, sum / n, 0.03);
    assertEquals(1.0, squares / n, 0.03);
    assertEquals(new SplitMix64(3).nextGaussian(), new SplitMix64(3).nextGaussian());
  }

  @Test
  void keysSelectDistinctStreams() {
    long a = SplitMix64.forKeys(42, 1, 0).nextLong();
    assertEquals(a, SplitMix64.forKeys(42, 1, 0).nextLong());
    assertNotEquals(a, SplitMix64.forKeys(42, 1, 1).nextLong());
    assertNotEquals(a, SplitMix64.forKeys(43, 1, 0).nextLong());
    assertNotEquals(a, SplitMix64.forKeys(42, 0, 1).nextLong());
    assertTrue(SplitMix64.forKeys(42).nextLong() != a);
  }
}
