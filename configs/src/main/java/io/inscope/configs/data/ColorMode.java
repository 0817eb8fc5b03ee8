package io.inscope.configs.data;

/** The channels images are decoded to, as Keras' {@code color_mode}. */
public enum ColorMode {
  /** one channel */
  GRAYSCALE,
  /** three channels: red, green, blue */
  RGB;

  public int channels() {
    return this == GRAYSCALE ? 1 : 3;
  }
}
