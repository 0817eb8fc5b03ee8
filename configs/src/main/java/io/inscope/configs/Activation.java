package io.inscope.configs;

/** Activation functions, by their Keras names ({@code activation: relu}). */
public enum Activation {
  ELU,
  GELU,
  LINEAR,
  RELU,
  SELU,
  SIGMOID,
  SOFTMAX,
  SWISH,
  TANH
}
