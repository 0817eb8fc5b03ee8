package com.acme.preprocessing;

import io.inscope.modules.data.ExampleShape;
import io.inscope.modules.data.PreprocessingStep;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The step of {@link ClipSpec}: {@code min(max(x, min), max)} in float32, in Java and as ClipByValue. */
public final class Clip implements PreprocessingStep {
  private final float min;
  private final float max;
  private final int elements;

  public Clip(ClipSpec spec, ExampleShape shape) {
    this.min = (float) spec.min();
    this.max = (float) spec.max();
    this.elements = shape.elements();
  }

  @Override
  public void apply(float[] x, int at, RandomGenerator random) {
    for (int i = at; i < at + elements; i++) {
      x[i] = Math.min(Math.max(x[i], min), max);
    }
  }

  @Override
  public Operand<TFloat32> graph(Ops tf, Operand<TFloat32> batch, String name) {
    return tf.withName(name).clipByValue(batch, tf.constant(min), tf.constant(max));
  }
}
