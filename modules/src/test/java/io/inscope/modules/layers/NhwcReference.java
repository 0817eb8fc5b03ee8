package io.inscope.modules.layers;

/**
 * Plain-loop convolution and pooling over NHWC arrays, with TensorFlow's padding: {@code same}
 * gives {@code ceil(in / stride)} outputs and pads {@code floor(total / 2)} before, the rest after.
 */
record NhwcReference(int batch, int height, int width, int channels, int kh, int kw, int sh, int sw, boolean same) {

  int outHeight() {
    return same ? (height + sh - 1) / sh : (height - kh) / sh + 1;
  }

  int outWidth() {
    return same ? (width + sw - 1) / sw : (width - kw) / sw + 1;
  }

  private int padTop() {
    return same ? Math.max((outHeight() - 1) * sh + kh - height, 0) / 2 : 0;
  }

  private int padLeft() {
    return same ? Math.max((outWidth() - 1) * sw + kw - width, 0) / 2 : 0;
  }

  private int at(int n, int i, int j, int c) {
    return ((n * height + i) * width + j) * channels + c;
  }

  /** {@code y = conv(x, kernel[kh, kw, channels, filters]) + bias}. */
  double[] conv2d(double[] x, double[] kernel, double[] bias, int filters) {
    int oh = outHeight();
    int ow = outWidth();
    double[] y = new double[batch * oh * ow * filters];
    for (int n = 0; n < batch; n++) {
      for (int p = 0; p < oh; p++) {
        for (int q = 0; q < ow; q++) {
          for (int f = 0; f < filters; f++) {
            double s = bias[f];
            for (int di = 0; di < kh; di++) {
              for (int dj = 0; dj < kw; dj++) {
                int i = p * sh - padTop() + di;
                int j = q * sw - padLeft() + dj;
                if (i < 0 || i >= height || j < 0 || j >= width) {
                  continue;
                }
                for (int c = 0; c < channels; c++) {
                  s += x[at(n, i, j, c)] * kernel[((di * kw + dj) * channels + c) * filters + f];
                }
              }
            }
            y[((n * oh + p) * ow + q) * filters + f] = s;
          }
        }
      }
    }
    return y;
  }

  /** The max, or the mean, of the values of each window that lie inside the image. */
  double[] pool(double[] x, boolean max) {
    int oh = outHeight();
    int ow = outWidth();
    double[] y = new double[batch * oh * ow * channels];
    for (int n = 0; n < batch; n++) {
      for (int p = 0; p < oh; p++) {
        for (int q = 0; q < ow; q++) {
          for (int c = 0; c < channels; c++) {
            double best = Double.NEGATIVE_INFINITY;
            double sum = 0;
            int count = 0;
            for (int di = 0; di < kh; di++) {
              for (int dj = 0; dj < kw; dj++) {
                int i = p * sh - padTop() + di;
                int j = q * sw - padLeft() + dj;
                if (i >= 0 && i < height && j >= 0 && j < width) {
                  best = Math.max(best, x[at(n, i, j, c)]);
                  sum += x[at(n, i, j, c)];
                  count++;
                }
              }
            }
            y[((n * oh + p) * ow + q) * channels + c] = max ? best : sum / count;
          }
        }
      }
    }
    return y;
  }
}
