package io.inscope.configs.layers;

import io.inscope.configs.Default;
import io.inscope.configs.Doc;
import io.inscope.configs.InputCount;
import io.inscope.configs.Kind;

/**
 * Joins two or more inputs along {@code axis}: {@code concatenate: {inputs: [a, b], axis: -1}}.
 * Every other dimension must be equal; the axis counts the batch dimension, as Keras' does (-1 is
 * the last, 0 the batch and cannot be joined).
 */
@Doc("Joins two or more inputs along an axis (the batch axis is 0; -1 is the last); other dimensions must be equal")
@Kind("concatenate")
@InputCount(min = 2)
public record ConcatenateSpec(@Doc("axis to join along; -1 is the last") @Default("-1") int axis) implements LayerSpec {
  public static final int DEFAULT_AXIS = -1;
}
