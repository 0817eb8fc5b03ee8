package io.inscope.modules.data.internal;

/**
 * Bilinear resizing as TensorFlow's {@code ResizeBilinear} with {@code half_pixel_centers=True}
 * and {@code align_corners=False}, which {@code tf.image.resize(method="bilinear")} and so Keras'
 * {@code image_dataset_from_directory} use (no antialiasing): output pixel {@code i} samples input
 * coordinate {@code (i + 0.5) * in / out - 0.5}, between the two nearest pixels (clamped to the
 * edge), and the four neighbours are blended in float as TensorFlow does: across the row first,
 * then down the column. A same-size resize copies the pixels.
 */
public final class BilinearResize {
  private BilinearResize() {}

  /**
   * Resizes 8-bit pixels {@code [inH, inW, channels]} to floats {@code [outH, outW, channels]} at
   * {@code dst[offset ..]}.
   */
  public static void resize(byte[] src, int inH, int inW, int channels, int outH, int outW, float[] dst, int offset) {
    if (inH == outH && inW == outW) {
      for (int i = 0; i < inH * inW * channels; i++) {
        dst[offset + i] = src[i] & 0xff;
      }
      return;
    }
    int[] xLow = new int[outW];
    int[] xHigh = new int[outW];
    float[] xLerp = new float[outW];
    weights(inW, outW, xLow, xHigh, xLerp);
    int[] yLow = new int[outH];
    int[] yHigh = new int[outH];
    float[] yLerp = new float[outH];
    weights(inH, outH, yLow, yHigh, yLerp);
    int row = inW * channels;
    int o = offset;
    for (int y = 0; y < outH; y++) {
      int top = yLow[y] * row;
      int bottom = yHigh[y] * row;
      float dy = yLerp[y];
      for (int x = 0; x < outW; x++) {
        int left = xLow[x] * channels;
        int right = xHigh[x] * channels;
        float dx = xLerp[x];
        for (int c = 0; c < channels; c++) {
          float topLeft = src[top + left + c] & 0xff;
          float topRight = src[top + right + c] & 0xff;
          float bottomLeft = src[bottom + left + c] & 0xff;
          float bottomRight = src[bottom + right + c] & 0xff;
          float t = topLeft + (topRight - topLeft) * dx;
          float b = bottomLeft + (bottomRight - bottomLeft) * dx;
          dst[o++] = t + (b - t) * dy;
        }
      }
    }
  }

  private static void weights(int in, int out, int[] low, int[] high, float[] lerp) {
    float scale = (float) in / out;
    for (int i = 0; i < out; i++) {
      float at = (i + 0.5f) * scale - 0.5f;
      float floor = (float) Math.floor(at);
      low[i] = Math.max((int) floor, 0);
      high[i] = Math.min((int) Math.ceil(at), in - 1);
      lerp[i] = at - floor;
    }
  }
}
