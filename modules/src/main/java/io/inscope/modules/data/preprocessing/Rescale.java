package io.inscope.modules.data.preprocessing;

import io.inscope.configs.data.RescaleSpec;
import io.inscope.modules.data.ExampleShape;
import io.inscope.modules.data.PreprocessingStep;
import io.inscope.modules.data.internal.ImageOps;
import java.util.random.RandomGenerator;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** {@code rescale}: {@code x * scale + offset} in float32, Keras' {@code Rescaling}. */
public final class Rescale implements PreprocessingStep {
  private final float scale;
  private final float offset;
  private final int elements;

  public Rescale(RescaleSpec spec, ExampleShape shape) {
    this.scale = (float) spec.scale().value();
    this.offset = (float) spec.offset();
    this.elements = shape.elements();
  }

  @Override
  public void apply(float[] x, int at, RandomGenerator random) {
    ImageOps.rescale(x, at, elements, scale, offset);
  }

  @Override
  public Operand<TFloat32> graph(Ops tf, Operand<TFloat32> batch, String name) {
    Operand<TFloat32> scaled = tf.withName(name).math.mul(batch, tf.constant(scale));
    return offset == 0 ? scaled : tf.withName(name + "_offset").math.add(scaled, tf.constant(offset));
  }
}
