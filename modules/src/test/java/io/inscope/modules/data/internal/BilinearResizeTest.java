package io.inscope.modules.data.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Half-pixel bilinear values worked out by hand: output i samples input (i + 0.5) * in / out - 0.5, clamped. */
class BilinearResizeTest {
  @Test
  void upsamplesWithHalfPixelCentersAndClampsAtTheEdges() {
    byte[] src = {0, 10, 20, 30};
    float[] dst = new float[16];
    BilinearResize.resize(src, 2, 2, 1, 4, 4, dst, 0);
    // columns sample -0.25 (clamped to 0), 0.25, 0.75, 1.25 (clamped to 1)
    assertArrayEquals(new float[] {0, 2.5f, 7.5f, 10, 5, 7.5f, 12.5f, 15, 15, 17.5f, 22.5f, 25, 20, 22.5f, 27.5f, 30}, dst);
  }

  @Test
  void downsamplesChannelsIndependentlyAndCopiesSameSize() {
    // 1x4 image, 2 channels, to 1x2: samples 0.5 and 2.5 average neighbours
    byte[] src = {0, 100, 10, (byte) 200, 20, 0, 30, 50};
    float[] dst = new float[5];
    BilinearResize.resize(src, 1, 4, 2, 1, 2, dst, 1);
    assertArrayEquals(new float[] {0, 5, 150, 25, 25}, dst);
    float[] same = new float[4];
    BilinearResize.resize(new byte[] {1, (byte) 255, 3, 4}, 2, 2, 1, 2, 2, same, 0);
    assertArrayEquals(new float[] {1, 255, 3, 4}, same);
  }
}
