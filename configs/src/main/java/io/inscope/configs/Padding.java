package io.inscope.configs;

/** Convolution and pooling padding, as in Keras: {@code valid} (none) or {@code same}. */
public enum Padding {
  SAME,
  VALID
}
