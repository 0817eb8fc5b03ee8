package io.inscope.configs;

/**
 * Activation functions, by their Keras 3 names ({@code activation: relu}): {@code leaky_relu} has
 * Keras' function default slope 0.2 ({@code x} for {@code x > 0}, else {@code 0.2 x}),
 * {@code relu6} is {@code min(max(x, 0), 6)}, {@code softplus} {@code log(1 + exp(x))},
 * {@code hard_sigmoid} {@code relu6(x + 3) / 6}; {@code softmax} is over the last axis.
 */
public enum Activation {
  ELU,
  GELU,
  HARD_SIGMOID,
  LEAKY_RELU,
  LINEAR,
  RELU,
  RELU6,
  SELU,
  SIGMOID,
  SOFTMAX,
  SOFTPLUS,
  SWISH,
  TANH
}
