package io.inscope.configs.layers;

/**
 * What the recurrent layers ({@code lstm}, {@code gru}) share, for {@code bidirectional}, which
 * runs one forwards and a copy backwards.
 */
public interface RecurrentSpec {
  int units();

  boolean returnSequences();

  boolean goBackwards();

  /** The same layer reading the steps in the other direction. */
  RecurrentSpec reversed();
}
