package io.inscope.configs.layers;

/**
 * What the recurrent layers ({@code lstm}, {@code gru}) share, for {@code bidirectional}, which
 * runs one forwards and a copy backwards.
 */
public interface RecurrentSpec {
  int units();

  boolean returnSequences();

  boolean goBackwards();

  /** Fraction of the inputs dropped in training (Keras' {@code dropout}). */
  double dropout();

  /** Fraction of the previous output dropped in training where the recurrent kernel reads it. */
  double recurrentDropout();

  /** The same layer reading the steps in the other direction. */
  RecurrentSpec reversed();
}
