package io.inscope.modules.data.internal;

/**
 * The arithmetic of the preprocessing steps on one example stored channels last ({@code [h, w, c]}
 * row-major from {@code at}), in float32 as Keras' layers compute it. Each is checked against
 * Keras 3 / TensorFlow 2.21 in {@code ImageOpsTest}.
 */
public final class ImageOps {
  private ImageOps() {}

  /** {@code x * scale + offset}: Keras' {@code Rescaling}. */
  public static void rescale(float[] x, int at, int n, float scale, float offset) {
    for (int i = at; i < at + n; i++) {
      x[i] = x[i] * scale + offset;
    }
  }

  /**
   * {@code (x - mean[ch]) * inverseStd[ch]}, {@code ch = i % mean.length}: Keras' {@code
   * Normalization}, dividing by {@code std} as a multiplication by the float32 {@code 1 / std},
   * which is what TensorFlow's graph optimizer makes of a division by a constant (Keras' division
   * differs by an ulp or two).
   */
  public static void normalize(float[] x, int at, int n, float[] mean, float[] inverseStd) {
    int c = mean.length;
    for (int i = 0; i < n; i++) {
      int ch = i % c;
      x[at + i] = (x[at + i] - mean[ch]) * inverseStd[ch];
    }
  }

  /** Reverses the columns (left-right): {@code tf.image.flip_left_right}. */
  public static void flipHorizontal(float[] x, int at, int h, int w, int c) {
    for (int row = 0; row < h; row++) {
      int base = at + row * w * c;
      for (int left = 0, right = w - 1; left < right; left++, right--) {
        for (int ch = 0; ch < c; ch++) {
          int a = base + left * c + ch;
          int b = base + right * c + ch;
          float t = x[a];
          x[a] = x[b];
          x[b] = t;
        }
      }
    }
  }

  /** Reverses the rows (top-bottom): {@code tf.image.flip_up_down}. */
  public static void flipVertical(float[] x, int at, int h, int w, int c, float[] scratch) {
    int line = w * c;
    for (int top = 0, bottom = h - 1; top < bottom; top++, bottom--) {
      System.arraycopy(x, at + top * line, scratch, 0, line);
      System.arraycopy(x, at + bottom * line, x, at + top * line, line);
      System.arraycopy(scratch, 0, x, at + bottom * line, line);
    }
  }

  /**
   * The {@code h × w} window at {@code (dy, dx)} of the example padded with {@code padding} zeros on
   * every side: {@code tf.image.crop_to_bounding_box(tf.image.pad_to_bounding_box(x, p, p, h + 2p,
   * w + 2p), dy, dx, h, w)}, {@code 0 <= dy, dx <= 2p}.
   *
   * @param scratch at least {@code h × w × c} values
   */
  public static void padCrop(float[] x, int at, int h, int w, int c, int padding, int dy, int dx, float[] scratch) {
    int n = h * w * c;
    System.arraycopy(x, at, scratch, 0, n);
    int shiftY = dy - padding;
    int shiftX = dx - padding;
    for (int row = 0; row < h; row++) {
      int src = row + shiftY;
      int dst = at + row * w * c;
      if (src < 0 || src >= h) {
        java.util.Arrays.fill(x, dst, dst + w * c, 0f);
        continue;
      }
      // columns [from, to) of the row come from the image, the others are padding
      int from = Math.min(w, Math.max(0, -shiftX));
      int to = Math.max(from, Math.min(w, w - shiftX));
      java.util.Arrays.fill(x, dst, dst + from * c, 0f);
      if (to > from) {
        System.arraycopy(scratch, (src * w + from + shiftX) * c, x, dst + from * c, (to - from) * c);
      }
      java.util.Arrays.fill(x, dst + to * c, dst + w * c, 0f);
    }
  }

  /** {@code clip(x + delta, low, high)}: Keras' {@code RandomBrightness} with its drawn delta. */
  public static void brightness(float[] x, int at, int n, float delta, float low, float high) {
    for (int i = at; i < at + n; i++) {
      x[i] = Math.min(Math.max(x[i] + delta, low), high);
    }
  }

  /**
   * {@code clip((x - m) * factor + m, low, high)} with {@code m} the channel's mean over height then
   * width: Keras' {@code RandomContrast} with its drawn factor.
   *
   * @param means at least {@code c} values, overwritten
   */
  public static void contrast(float[] x, int at, int h, int w, int c, float factor, float low, float high, float[] means) {
    // Keras takes the mean over the height axis, then over the width axis, in float32
    for (int ch = 0; ch < c; ch++) {
      float sumOfColumnMeans = 0f;
      for (int col = 0; col < w; col++) {
        float sum = 0f;
        for (int row = 0; row < h; row++) {
          sum += x[at + (row * w + col) * c + ch];
        }
        sumOfColumnMeans += sum / h;
      }
      means[ch] = sumOfColumnMeans / w;
    }
    int n = h * w * c;
    for (int i = 0; i < n; i++) {
      float m = means[i % c];
      float v = (x[at + i] - m) * factor + m;
      x[at + i] = Math.min(Math.max(v, low), high);
    }
  }
}
