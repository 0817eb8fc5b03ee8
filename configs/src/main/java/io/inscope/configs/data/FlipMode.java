package io.inscope.configs.data;

/** Which flips {@code random_flip} makes, as Keras' {@code RandomFlip(mode)}. */
public enum FlipMode {
  /** left-right */
  HORIZONTAL,
  /** top-bottom */
  VERTICAL,
  /** both at once, with one draw per example (as Keras) */
  HORIZONTAL_AND_VERTICAL;

  public boolean horizontal() {
    return this != VERTICAL;
  }

  public boolean vertical() {
    return this != HORIZONTAL;
  }
}
